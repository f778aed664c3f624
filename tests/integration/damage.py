"""Ways a store file gets damaged, for the tests (not a test module)."""
from __future__ import annotations

import os
import random
from pathlib import Path

KINDS = ("empty", "truncated", "garbage-header", "garbage-pages")


def damage(path: Path, kind: str) -> None:
    """Damage a closed store file (its WAL checkpointed away) in one of ``KINDS``."""
    assert not Path(f"{path}-wal").exists() or os.path.getsize(f"{path}-wal") == 0
    data = path.read_bytes()
    rng = random.Random(16)
    if kind == "empty":
        data = b""
    elif kind == "truncated":
        data = data[: len(data) // 3]
    elif kind == "garbage-header":
        data = bytes(rng.randrange(256) for _ in range(100)) + data[100:]
    elif kind == "garbage-pages":
        page = int.from_bytes(data[16:18], "big") or 65536
        n = len(data) // page
        buf = bytearray(data)
        for p in range(1, n, 2):  # every other page after the first: b-tree pages among them
            buf[p * page:(p + 1) * page] = bytes(rng.randrange(256) for _ in range(page))
        data = bytes(buf)
    else:
        raise ValueError(kind)
    path.write_bytes(data)
