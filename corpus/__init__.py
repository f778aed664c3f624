"""The corpus: analyse -> link across articles -> re-date -> store.

The one layer that imports both ``analysis`` and ``store``: the analysis never
stores, and the store never analyses; this package passes the analysis's rules
(cross-article linking, re-resolving events) down to the store's transactions.
Modules: ``ingest`` (articles into the store), ``dating`` (a new publication
date, events resolved again), ``__main__`` (``python -m corpus ingest``).
"""
from .dating import redate, reresolve_rows
from .ingest import (ACTOR_LINKER, IngestResult, ensure_demo, ingest_articles, problems_text, store_analyses,
                     store_analysis, store_each)

__all__ = ["ACTOR_LINKER", "IngestResult", "ensure_demo", "ingest_articles", "problems_text", "redate",
           "reresolve_rows", "store_analyses", "store_analysis", "store_each"]
