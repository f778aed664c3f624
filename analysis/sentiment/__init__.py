"""Target-dependent sentiment: how a sentence speaks of one named actor, and the lexicon view beside it.

    model      the shipped target-sentiment model (encoding, onnxruntime session, ``get_model``)
    tone       the lexicon view: TextBlob polarity/subjectivity, VADER compound; quote and speaker tone
    portrayal  the reporter's view of each actor: mean score and label, evidence, corpus aggregation
    stance     what a speaker says about the actors in and around a quote; the stance matrix
    scoring    the pipeline step: ``score_article`` -> ``SentimentResult`` (new records)
    cli        ``python -m analysis target-sentiment``

Public API:
    get_model() -> TargetSentimentModel          (process-wide, lazy, thread-safe)
    TargetSentimentModel.predict(items)          [(text, start, end)] -> [(label, score)]
    lexicon_scores(text) -> dict                 polarity, subjectivity, vader
    score_article(parsed, actors, mentions, quotes) -> SentimentResult
    portrayal_evidence(...), stance_matrix(...), aggregate_portrayal(...), label_of(...)
    run_target_sentiment_cli(stdin, stdout) -> int
"""
from .cli import run_target_sentiment_cli
from .model import (DEFAULT_MAX_LEN, LABELS, MAX_TARGET_TOKENS, MODEL_DIR, MODEL_FILE, EncodedTarget,
                    ModelNotAvailableError, TargetSentimentModel, encode_targets, get_model, load_tokenizer,
                    pad_batch, usable_cores)
from .portrayal import LABEL_BAND, aggregate_portrayal, label_of, portrayal_evidence
from .scoring import SENTIMENT_TYPES, SentimentResult, score_article
from .stance import stance_matrix
from .tone import lexicon_scores

__all__ = [
    "DEFAULT_MAX_LEN", "LABELS", "LABEL_BAND", "MAX_TARGET_TOKENS", "MODEL_DIR", "MODEL_FILE", "SENTIMENT_TYPES",
    "EncodedTarget", "ModelNotAvailableError", "SentimentResult", "TargetSentimentModel",
    "aggregate_portrayal", "encode_targets", "get_model", "label_of", "lexicon_scores", "load_tokenizer",
    "pad_batch", "portrayal_evidence", "run_target_sentiment_cli", "score_article", "stance_matrix", "usable_cores",
]
