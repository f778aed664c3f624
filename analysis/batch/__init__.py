"""Batches of articles: what ``python -m analysis batch`` reads, where it runs, and what it writes.

- ``inputs``: a manifest of files, a folder of files, or a JSONL/Parquet file of records
  ``{id, title, text, published, source}`` -> one ``BatchItem`` per article (an error item for a
  line that cannot be read, so the batch goes on);
- ``work``: one item -> its analysis or its error, in a worker that loads the models once
  (``Analyser``), on this process or as a Ray actor;
- ``cluster``: the items through a Ray Data actor pool (``map_batches``), on a local Ray cluster
  or one the ``--address`` names, with a progress line in articles per second;
- ``tables``: analyses -> the rows of the Parquet tables (articles, actors, mentions, quotes, ...).

Nothing here imports Streamlit or the store; Ray is imported only when workers are asked for.
"""
from .inputs import BatchItem, InputError, read_items
from .tables import TABLES, table_rows
from .work import Analyser, Outcome

__all__ = ["Analyser", "BatchItem", "InputError", "Outcome", "TABLES", "read_items", "table_rows"]
