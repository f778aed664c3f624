"""The batch on Ray Data: items -> an actor pool of ``Analyser``s -> outcomes, streamed back in order.

With no ``address`` Ray starts a local cluster of ``workers`` CPUs on this machine; with one
(``auto``, ``ray://host:10001``, ``host:6379``) it joins that cluster and the same command scales
out. Each actor loads spaCy and the sentiment model once (``map_batches(Analyser, ...,
compute=ActorPoolStrategy)``) and uses one core. A progress line on stderr counts articles and
articles per second.
"""
from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TextIO

from .inputs import BatchItem
from .work import Analyser, Outcome

#: Items per call of an actor: small enough to spread a short batch over every actor.
BATCH_SIZE = 8


class Progress:
    """"analysis: 120/300 articles, 5.8 articles/s" on stderr: one line redrawn twice a second on a
    terminal, a new line every ten seconds in a log."""

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        self.total, self.stream, self.done = total, stream or sys.stderr, 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.t0 = self.last = time.perf_counter()

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self.last >= (0.5 if self.tty else 10.0):
            self.last = now
            self._draw(now)

    def say(self, line: str) -> None:
        """A message of its own (an article's error), not mixed into the progress line."""
        self.stream.write(("\r\x1b[K" if self.tty else "") + line + "\n")
        self.stream.flush()

    def _draw(self, now: float, end: str = "") -> None:
        rate = self.done / max(now - self.t0, 1e-9)
        of = f"/{self.total}" if self.total is not None else ""
        line = f"analysis: {self.done}{of} articles, {rate:.1f} articles/s"
        self.stream.write(f"\r{line}{end}" if self.tty else f"{line}\n")
        self.stream.flush()

    def close(self) -> float:
        """The last count, on its own line; returns the seconds taken."""
        now = time.perf_counter()
        self._draw(now, "\n" if self.tty else "")
        return now - self.t0


def start_ray(workers: int, address: str | None) -> None:
    """Start a local Ray cluster of ``workers`` CPUs, or join the one at ``address``."""
    import logging
    import os

    # Ray's C++ warnings (one per actor pool, about its own constructor arguments) would bury the
    # progress line and the articles' errors; its Python INFO lines too
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    import ray

    # Ray's own INFO lines would bury the progress line and the articles' errors
    logging.getLogger("ray").setLevel(logging.ERROR)
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    if ray.is_initialized():
        return
    opts = dict(include_dashboard=False, log_to_driver=False, configure_logging=True, logging_level="ERROR")
    if address:
        ray.init(address=address, **opts)
    else:
        ray.init(num_cpus=workers, **opts)


def run_on_ray(items: Iterable[BatchItem], *, workers: int, address: str | None = None,
               batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> Iterator[Outcome]:
    """The items' outcomes from a pool of ``workers`` Ray actors, as they are done (``Outcome.index`` is
    the item's place in ``items``)."""
    import ray
    from ray.data import ActorPoolStrategy, DataContext

    start_ray(workers, address)
    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False  # our own line counts articles; Ray's bars count blocks
    # outcomes come back as they are done (an actor never waits for a slower one's block); the
    # caller puts them back in the items' order by ``index``
    ctx.execution_options.preserve_order = False
    rows = [it.as_row() | {"index": i} for i, it in enumerate(items)]
    if not rows:
        return
    workers = max(1, min(workers, len(rows)))  # no idle actor loading the models for nothing
    ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), workers * 8)))
    # one core per actor: the sentiment model's threads are capped through the actor's environment
    out = ds.map_batches(Analyser, batch_size=batch_size, compute=ActorPoolStrategy(size=workers), num_cpus=1,
                         batch_format="numpy",
                         runtime_env={"env_vars": {"NEWSLENS_SENTIMENT_THREADS": "1", "OMP_NUM_THREADS": "1"}})
    for row in out.iter_rows():
        if progress is not None:
            progress.step()
        yield Outcome(id=str(row["id"]), name=str(row["name"]), analysis=row["analysis"] or None,
                      error=row["error"] or None, index=int(row["index"]))
