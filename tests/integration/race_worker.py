"""A writer process for the race and crash trials (not a test module): ``python -m tests.integration.race_worker``.

``store DIR NAME TRIALS ARTICLES``: for each trial ``t``, say it is ready (``DIR/t/ready-NAME``), wait for
``DIR/t/go``, then open the store ``DIR/t/newslens.sqlite3`` (a fresh path: schema creation races too)
and store the first ARTICLES of the pre-made analyses one by one through ``corpus.store_each`` (the
ingest's per-article guard). Writes ``DIR/t/result-NAME.json``: ``{"stored": [...], "duplicates": n,
"errors": [...]}``; an error opening the store is an error too.

``overrides PATH``: add and undo corrections on an existing store for ever (killed by the test).
``open PATH [stall]``: open the store (a schema upgrade) and say ``opened`` (see ``open_store``).
"""
from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path


def _wait(path: Path, limit: float = 120.0) -> None:
    t0 = time.monotonic()
    while not path.exists():
        if time.monotonic() - t0 > limit:
            raise SystemExit(f"no {path} after {limit} s")
        time.sleep(0.0005)


def store_trials(root: Path, name: str, trials: int, n: int) -> None:
    from corpus import store_each
    from store import Store, StoreError

    results = pickle.loads((root / "analyses.pickle").read_bytes())[:n]
    for t in range(trials):
        d = root / str(t)
        d.mkdir(exist_ok=True)
        (d / f"ready-{name}").touch()
        _wait(d / "go")
        out = {"stored": [], "duplicates": 0, "errors": []}
        try:
            store = Store(d / "newslens.sqlite3")
        except StoreError as exc:
            out["errors"].append(f"open: {exc}")
        else:
            for r in store_each(store, results):
                if r.status == "stored":
                    out["stored"].append(r.article_id)
                elif r.status == "duplicate":
                    out["duplicates"] += 1
                else:
                    out["errors"].append(f"{r.name}: {r.message}")
            store.close()
        tmp = d / f"partial-{name}.json"
        tmp.write_text(json.dumps(out))
        tmp.replace(d / f"result-{name}.json")  # whole, for the test that polls for it


def override_loop(path: Path) -> None:
    from store import Store

    store = Store(path)
    ids = list(store.actors_df()["id"])
    print("ready", flush=True)
    k = 0
    while True:
        a, b = ids[k % len(ids)], ids[(k + 1) % len(ids)]
        oid = store.add_override("merge", a, target_id=b)
        store.add_override("set", b, field_name="role", value=f"role {k}")
        store.undo_override(oid)
        k += 1


def open_store(path: Path, stall: bool) -> None:
    """Open (and so upgrade) the store; with ``stall``, the upgrade says ``upgrading`` when its steps are done,
    inside its transaction, and waits there to be killed."""
    from store import Store, schema

    if stall:
        real = schema._upgrade

        def slow(con, version):
            real(con, version)
            print("upgrading", flush=True)
            time.sleep(60)

        schema._upgrade = slow
    Store(path).close()
    print("opened", flush=True)


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "store":
        store_trials(Path(args[0]), args[1], int(args[2]), int(args[3]))
    elif cmd == "overrides":
        override_loop(Path(args[0]))
    elif cmd == "open":
        open_store(Path(args[0]), stall=args[1:] == ["stall"])
    else:
        raise SystemExit(f"unknown command {cmd}")
