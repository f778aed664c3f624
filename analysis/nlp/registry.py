"""The project's spaCy components, registered under the ``newslens_`` prefix.

Each component lives in its own module beside this one; this module only
registers them and decides their order in the pipeline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# (factory name, the pipe it goes after)
PROJECT_COMPONENTS: list[tuple[str, str]] = []


def _register() -> None:
    # Importing the owning modules runs their @Language.component decorators.
    from . import entity_fix  # noqa: F401

    if ("newslens_entity_fix", "ner") not in PROJECT_COMPONENTS:
        PROJECT_COMPONENTS.append(("newslens_entity_fix", "ner"))


def add_to(nlp: "Language") -> None:
    """Add the project's components to a loaded pipeline (idempotent)."""
    _register()
    for name, after in PROJECT_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, after=after)
