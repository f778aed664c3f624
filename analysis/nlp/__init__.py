"""The one spaCy ``Language`` of the process and the project's registered components.

- ``language``: loading the English model once, behind a lock;
- ``registry``: the ``newslens_*`` components and where they sit in the pipeline;
- ``entity_fix``: the ``newslens_entity_fix`` component (entity spans corrected by structure and gazetteer).
"""
from .language import MODEL_NAME, ModelMissingError, get_nlp, load_base_model, nlp_lock

__all__ = ["MODEL_NAME", "ModelMissingError", "get_nlp", "load_base_model", "nlp_lock"]
