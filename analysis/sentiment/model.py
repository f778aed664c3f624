"""The target-sentiment model: its input encoding, the onnxruntime session, and the process-wide instance.

A small fine-tuned transformer (all-MiniLM-L6-v2 trained on NewsMTSC with the
target wrapped in marker tokens; see ``scripts/train_target_sentiment.py``),
shipped as int8 ONNX in ``analysis/models/target_sentiment/`` and run by
onnxruntime with the ``tokenizers`` package. Nothing here imports torch or
transformers, and nothing is downloaded at run time. The encoding is shared
by training and serving so that both see identical inputs.
"""
from __future__ import annotations

import json
import os
import pathlib
import threading
from dataclasses import dataclass
from typing import Any, Sequence

LABELS = ("negative", "neutral", "positive")
MODEL_DIR = pathlib.Path(__file__).resolve().parent.parent / "models" / "target_sentiment"
MODEL_FILE = "model.int8.onnx"
MAX_TARGET_TOKENS = 16
DEFAULT_MAX_LEN = 96
_SPECIAL_IDS = ("cls_id", "sep_id", "open_id", "close_id")


# --------------------------------------------------------------------------- encoding


@dataclass
class EncodedTarget:
    """One (sentence, target) pair as model input, before padding."""

    ids: list[int]
    marker: int  # position of the opening marker token
    tgt_start: int  # first and (exclusive) last position of the target's own tokens
    tgt_end: int


def _clean_item(text: Any, start: Any, end: Any) -> tuple[str, int, int]:
    """Coerce odd input into a valid (text, start, end) rather than fail."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        start = int(start)
    except (TypeError, ValueError):
        start = 0
    try:
        end = int(end)
    except (TypeError, ValueError):
        end = start
    n = len(text)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    return text, start, end


def encode_targets(tokenizer: Any, items: Sequence[tuple[str, int, int]], *, cls_id: int, sep_id: int,
                   open_id: int, close_id: int, max_len: int = DEFAULT_MAX_LEN) -> list[EncodedTarget]:
    """Tokenise each (text, start, end) as ``[CLS] left [TGT] target [/TGT] right [SEP]``.

    Left context, target and right context are tokenised apart so the markers
    sit exactly on the span's boundaries even when it cuts a word. A sentence
    longer than ``max_len`` tokens is cut to a window centred on the target:
    the context nearest the target carries the stance. Shared by training and
    serving so that both see identical inputs.
    """
    pieces: list[str] = []
    for text, start, end in items:
        text, start, end = _clean_item(text, start, end)
        pieces.extend((text[:start], text[start:end], text[end:]))
    if not pieces:
        return []
    encs = tokenizer.encode_batch(pieces, add_special_tokens=False)
    out: list[EncodedTarget] = []
    budget_all = max(max_len - 4, 8)
    for i in range(0, len(encs), 3):
        left, tgt, right = encs[i].ids, encs[i + 1].ids, encs[i + 2].ids
        tgt = tgt[:MAX_TARGET_TOKENS]
        budget = max(budget_all - len(tgt), 0)
        half = budget // 2
        n_left = min(len(left), max(half, budget - len(right)))
        n_right = min(len(right), budget - n_left)
        left = left[len(left) - n_left:] if n_left else []
        right = right[:n_right]
        ids = [cls_id, *left, open_id, *tgt, close_id, *right, sep_id]
        marker = 1 + len(left)
        if tgt:
            ts, te = marker + 1, marker + 1 + len(tgt)
        else:  # empty span: let the two markers stand for it
            ts, te = marker, marker + 2
        out.append(EncodedTarget(ids=ids, marker=marker, tgt_start=ts, tgt_end=te))
    return out


def pad_batch(batch: Sequence[EncodedTarget]) -> dict[str, Any]:
    """Dynamic padding of one batch to its longest member, as numpy arrays."""
    import numpy as np

    width = max(len(e.ids) for e in batch)
    n = len(batch)
    input_ids = np.zeros((n, width), dtype=np.int64)
    attention = np.zeros((n, width), dtype=np.int64)
    marker = np.zeros((n, width), dtype=np.float32)
    target = np.zeros((n, width), dtype=np.float32)
    for r, e in enumerate(batch):
        input_ids[r, :len(e.ids)] = e.ids
        attention[r, :len(e.ids)] = 1
        marker[r, e.marker] = 1.0
        target[r, e.tgt_start:e.tgt_end] = 1.0 / max(e.tgt_end - e.tgt_start, 1)
    return {"input_ids": input_ids, "attention_mask": attention, "marker_mask": marker, "target_mask": target}


def load_tokenizer(path: pathlib.Path | str) -> Any:
    """The WordPiece tokenizer, with the padding/truncation saved in the file switched off."""
    # One article's targets are a few dozen short strings: a rayon thread pool
    # only competes with spaCy for the cores (and warns after a fork).
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.no_truncation()
    return tok


# --------------------------------------------------------------------------- model


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):  # not Linux
        return max(os.cpu_count() or 1, 1)


class ModelNotAvailableError(RuntimeError):
    """The shipped model files are missing or onnxruntime cannot load them."""


def _read_json(path: pathlib.Path) -> Any:
    """A model file as JSON: missing, unreadable or not JSON (an un-fetched LFS pointer) means no model."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: JSONDecodeError, UnicodeDecodeError
        raise ModelNotAvailableError(f"target-sentiment model not loadable from {path.parent}: {exc}") from exc


def _ort_load_errors() -> tuple[type[BaseException], ...]:
    """What onnxruntime raises when it cannot load a model file (its own classes, not RuntimeError)."""
    from onnxruntime.capi import onnxruntime_pybind11_state as state

    return (OSError, state.Fail, state.InvalidArgument, state.NoSuchFile, state.NoModel, state.InvalidProtobuf,
            state.InvalidGraph, state.NotImplemented)


class TargetSentimentModel:
    """A target-dependent sentiment classifier served by onnxruntime.

    ``predict`` takes every target of an article in one call, sorts them by
    token length and runs them in dynamically padded batches, so one long
    sentence does not pad all the others.
    """

    def __init__(self, model_dir: pathlib.Path | str = MODEL_DIR, *, model_file: str = MODEL_FILE,
                 threads: int | None = None, batch_size: int = 8) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelNotAvailableError(f"onnxruntime is not installed: {exc}") from exc

        model_dir = pathlib.Path(model_dir)
        self.config = _read_json(model_dir / "config.json")
        # tokenizers raises a bare Exception for any bad file: check that it is there and is JSON first,
        # so that only a genuinely malformed tokenizer propagates as an error.
        _read_json(model_dir / "tokenizer.json")
        self.tokenizer = load_tokenizer(model_dir / "tokenizer.json")
        if threads is None:
            # spaCy's parse runs on one core; the model may use up to two (set 1 to measure one core).
            # Count the cores this process may run on, not the machine's: under `taskset -c 0` two
            # threads would share one core and spin against each other.
            default = str(min(2, usable_cores()))
            try:
                threads = int(os.environ.get("NEWSLENS_SENTIMENT_THREADS", default))
            except ValueError:
                threads = 1
        opts = ort.SessionOptions()
        self.threads = max(threads, 1)
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        path = model_dir / model_file
        try:
            self.session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        except _ort_load_errors() as exc:
            raise ModelNotAvailableError(f"cannot load {path}: {exc}") from exc
        self._input_names = {i.name for i in self.session.get_inputs()}
        try:
            self.labels = tuple(self.config.get("labels", LABELS))
            self.max_len = int(self.config.get("max_len", DEFAULT_MAX_LEN))
            self._ids = {k: int(self.config[k]) for k in _SPECIAL_IDS}
        except (AttributeError, KeyError, TypeError, ValueError) as exc:  # config.json not as training writes it
            raise ModelNotAvailableError(f"bad {model_dir / 'config.json'}: {type(exc).__name__}: {exc}") from exc
        self.batch_size = max(int(batch_size), 1)
        # An InferenceSession may be shared by threads; the tokenizer encode is also thread-safe.
        self._lock = threading.Lock()

    def encode(self, items: Sequence[tuple[str, int, int]]) -> list[EncodedTarget]:
        """Model inputs for each (text, start, end), unpadded."""
        return encode_targets(self.tokenizer, items, max_len=self.max_len, **self._ids)

    def predict_proba(self, items: Sequence[tuple[str, int, int]]) -> list[list[float]]:
        """Class probabilities (in ``self.labels`` order) for each item, in input order."""
        import numpy as np

        items = list(items)
        if not items:
            return []
        encoded = self.encode(items)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
        probs: list[list[float] | None] = [None] * len(encoded)
        for b in range(0, len(order), self.batch_size):
            idx = order[b:b + self.batch_size]
            feeds = pad_batch([encoded[i] for i in idx])
            feeds = {k: v for k, v in feeds.items() if k in self._input_names}
            (logits,) = self.session.run(["logits"], feeds)
            logits = logits - logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            for r, i in enumerate(idx):
                probs[i] = [float(x) for x in p[r]]
        return [p if p is not None else [0.0, 1.0, 0.0] for p in probs]

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[tuple[str, float]]:
        """(text, start, end) -> (label, score): score = p(positive) - p(negative), in [-1, 1]."""
        out = []
        neg, pos = self.labels.index("negative"), self.labels.index("positive")
        for p in self.predict_proba(items):
            label = self.labels[max(range(len(p)), key=p.__getitem__)]
            out.append((label, max(-1.0, min(1.0, p[pos] - p[neg]))))
        return out


# A cache of the loaded session, not data passed between functions: loading takes a second.
_MODEL: TargetSentimentModel | None = None
_MODEL_LOCK = threading.Lock()


def get_model() -> TargetSentimentModel:
    """The process-wide model, loaded on first use; ``ModelNotAvailableError`` when it cannot be."""
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                _MODEL = TargetSentimentModel()
    return _MODEL
