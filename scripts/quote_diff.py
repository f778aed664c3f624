"""Categorise quote errors of an eval set, with score.py's matching rules.

    python scripts/quote_diff.py eval/dev /tmp/newslens-eval/dev [--show]

Without --show it prints counts only (use that on blind sets); --show prints each
miss and each false quote (only for sets that may be read, such as eval/dev).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
from score import names_of, norm, same_person  # noqa: E402


def diff(gold: dict, pred: dict):
    quotes = pred.get("quotes") or []
    used: dict[int, int] = {}
    misses = []
    for gi, g in enumerate(gold["quotes"]):
        ev = norm(g["evidence"])
        hit = None
        for i, q in enumerate(quotes):
            if ev in norm(q.get("text")) and q.get("speaker") and same_person(q["speaker"], g["speaker"], gold["actors"]):
                hit = i
                break
        if hit is not None:
            used[hit] = gi
            continue
        holders = [q for q in quotes if ev in norm(q.get("text"))]
        words = ev.split()
        part = [q for q in quotes if len(words) > 3 and (" ".join(words[:4]) in norm(q.get("text")) or " ".join(words[-4:]) in norm(q.get("text")))]
        if holders:
            q = holders[0]
            why = "no speaker" if not q.get("speaker") else "wrong speaker"
            misses.append((why, g, q))
        elif part:
            misses.append(("boundary", g, part[0]))
        else:
            misses.append(("not found", g, None))
    all_ev = [norm(g["evidence"]) for g in gold["quotes"]]
    people = set().union(*[names_of(a) for a in gold["actors"]]) if gold["actors"] else set()
    false = []
    for i, q in enumerate(quotes):
        named = norm(q.get("speaker")) in people or any(ev in norm(q.get("text")) for ev in all_ev)
        if not named or i in used:
            continue
        evs = [gi for gi, ev in enumerate(all_ev) if ev in norm(q.get("text"))]
        if evs and any(gi in used.values() for gi in evs):
            why = "duplicate"
        elif evs:
            why = "wrong speaker"
        else:
            why = "not in gold"
        false.append((why, q))
    return misses, false


def main(argv):
    gold_dir, pred_dir = Path(argv[1]), Path(argv[2])
    show = "--show" in argv
    mc, fc = Counter(), Counter()
    for g in sorted(gold_dir.glob("*.json")):
        p = pred_dir / g.name
        if not p.exists():
            continue
        gold, pred = json.loads(g.read_text()), json.loads(p.read_text())
        misses, false = diff(gold, pred)
        mc.update(m[0] for m in misses)
        fc.update(f[0] for f in false)
        if show and (misses or false):
            print(f"### {g.stem}")
            for why, gq, q in misses:
                print(f"  MISS[{why}] gold {gq['speaker']!r}: {gq['evidence'][:90]!r}")
                if q:
                    print(f"        got {q.get('speaker')!r}: {q.get('text', '')[:140]!r}")
            for why, q in false:
                print(f"  FALSE[{why}] {q.get('speaker')!r}: {q.get('text', '')[:140]!r}")
    print("misses:", dict(mc), " false:", dict(fc))


if __name__ == "__main__":
    main(sys.argv)
