"""The embedded store (SQLite): the only code in the project that speaks SQL. It never imports analysis.

Modules: ``database`` (the file, connections, transactions), ``schema`` (DDL, version,
migrations), ``filters`` (the selection as SQL), ``writer`` (an article in or out, re-dating),
``overrides`` (analysts' corrections), ``articles``, ``queries`` and ``search`` (reads as
DataFrames), and ``store`` (the ``Store`` facade over them).
"""
from .database import StoreDamaged, StoreError
from .filters import Filters
from .overrides import ACTOR_TYPES, EDITABLE_FIELDS, OverrideError
from .schema import SCHEMA_VERSION
from .search import MAX_QUERY_CHARS, MAX_QUERY_TERMS, query_terms
from .store import Store
from .writer import AddOutcome, Linker

__all__ = ["ACTOR_TYPES", "AddOutcome", "EDITABLE_FIELDS", "Filters", "Linker", "MAX_QUERY_CHARS", "MAX_QUERY_TERMS",
           "OverrideError", "SCHEMA_VERSION", "Store", "StoreDamaged", "StoreError", "query_terms"]
