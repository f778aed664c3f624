#!/usr/bin/env bash
# Score the analysis on the eval sets, totals only (see eval/README.md).
#   bash scripts/score_sets.sh [set ...]      # default: gold5 dev dev2 dev3 blind blind2 blind3 blind4
# gold5 is the five shared articles (in-sample); dev, dev2 and dev3 are in-sample too.
# Outputs go to ${OUT:-/tmp/newslens-eval}/<set>/; score.py lives in ../shared/eval.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/newslens-eval}
SCORE=../shared/eval/score.py
sets=("$@"); [ ${#sets[@]} -eq 0 ] && sets=(gold5 dev dev2 dev3 blind blind2 blind3 blind4)
for s in "${sets[@]}"; do
  mkdir -p "$OUT/$s"
  if [ "$s" = gold5 ]; then
    man="$OUT/gold5.jsonl"; : > "$man"
    for g in ../shared/gold/*.json; do
      id=$(basename "$g" .json)
      pub=$(python -c "import json,sys;print(json.load(open(sys.argv[1]))['published'])" "$g")
      echo "{\"id\": \"$id\", \"path\": \"../shared/articles/$id.txt\", \"published\": \"$pub\"}" >> "$man"
    done
    golds=(../shared/gold/*.json)
  else
    man="eval/$s/manifest.jsonl"; golds=(eval/$s/wn-*.json)
  fi
  python -m analysis batch "$man" --out "$OUT/$s" >/dev/null
  pairs=(); for g in "${golds[@]}"; do pairs+=("$g" "$OUT/$s/$(basename "$g")"); done
  echo "== $s"; python "$SCORE" "${pairs[@]}" | tail -2
done
