"""The embedded store (SQLite): the only code in the project that speaks SQL."""
from .db import AddOutcome, Filters, Store, StoreError, slug

__all__ = ["AddOutcome", "Filters", "Store", "StoreError", "slug"]
