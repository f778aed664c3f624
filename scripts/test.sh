#!/usr/bin/env bash
# Install what the tests need and run them all. .ci/run calls exactly this.
#   bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --disable-pip-version-check -q -r requirements-test.txt

# Browser tests drive Debian's chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test.sh: installing Debian chromium for the browser tests"
    # the emoji font only makes the screenshots show the page icons instead of boxes
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
  else
    echo "scripts/test.sh: /usr/bin/chromium is missing; browser tests will be skipped." >&2
    echo "  install it with: sudo apt-get install -y chromium fonts-noto-color-emoji" >&2
  fi
fi

set +e
python -m pytest -q -p no:cacheprovider "$@"
code=$?
set -e
# pytest's 5 means no test ran: treat that as a failure too, so CI never passes on nothing.
exit $code
