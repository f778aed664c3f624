#!/usr/bin/env python3
"""Write the demo corpus's saved analyses: data/articles/<name>.analysis.json for each manifest entry.

    python scripts/build_demo.py          # write them
    python scripts/build_demo.py --check  # exit 1 when a saved analysis differs from a fresh one

A new store is filled from these files (``corpus.ensure_demo``), so the first page
an analyst opens needs no language model. Run this after changing the analysis;
``tests/integration/test_demo_saved.py`` fails while a saved analysis is stale.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.pipeline import analyze_articles  # noqa: E402
from analysis.reading import read_article  # noqa: E402
from analysis.records import analysis_to_dict  # noqa: E402
from corpus.ingest import DEMO_DIR, DEMO_MANIFEST, demo_analysis_path  # noqa: E402


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    manifest = json.loads(DEMO_MANIFEST.read_text(encoding="utf-8"))
    arts = [read_article(DEMO_DIR / e["path"], published=e.get("published")) for e in manifest]
    stale = 0
    for entry, result in zip(manifest, analyze_articles(arts)):
        path = demo_analysis_path(entry)
        text = dump(analysis_to_dict(result))
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            stale += not same
            print(f"{path.name}: {'up to date' if same else 'STALE'}")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
