"""Target-dependent sentiment: how a sentence speaks of one named actor.

A sentence's overall mood (TextBlob, VADER) is not its stance toward an actor:
"X said Putin is 'pushing more aggressively on the battlefield', showing no
interest in compromise" reads positive to TextBlob and is plainly negative
toward Putin. So each target goes through a small fine-tuned transformer
(all-MiniLM-L6-v2 trained on NewsMTSC with the target wrapped in marker
tokens; see ``scripts/train_target_sentiment.py``), shipped as int8 ONNX and
run by onnxruntime with the ``tokenizers`` package. Nothing here imports torch
or transformers, and nothing is downloaded at run time.

The lexicon scores (TextBlob polarity/subjectivity, VADER compound) are kept
beside the model as the "lexicon view", and give each quote its tone.

Public API:
    get_model() -> TargetSentimentModel          (process-wide, lazy, thread-safe)
    TargetSentimentModel.predict(items)          [(text, start, end)] -> [(label, score)]
    lexicon_scores(text) -> dict                 polarity, subjectivity, vader
    score_article(parsed, actors, mentions, quotes) -> list[MentionSentiment]
    portrayal_evidence(...), stance_matrix(...), aggregate_portrayal(...)
    run_target_sentiment_cli(stdin, stdout) -> int
"""
from __future__ import annotations

import json
import math
import os
import pathlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence, TextIO

from .records import Actor, Mention, MentionSentiment, Quote, QuoteTarget

if TYPE_CHECKING:  # pragma: no cover
    from .parsed import ParsedArticle

LABELS = ("negative", "neutral", "positive")
MODEL_DIR = pathlib.Path(__file__).resolve().parent / "models" / "target_sentiment"
MODEL_FILE = "model.int8.onnx"
# Actor types whose portrayal is meaningful; dates, places as LOC and numbers are not "actors".
SENTIMENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Aggregated scores (means of p(pos) - p(neg)) inside this band are called neutral.
# A mean of mostly-neutral mentions with one clearly negative sentence still leans
# negative, which is what an analyst expects to see flagged.
LABEL_BAND = 0.1
MAX_TARGET_TOKENS = 16
DEFAULT_MAX_LEN = 96


def label_of(score: float | None, band: float = LABEL_BAND, counts: dict[str, int] | None = None) -> str | None:
    """negative / neutral / positive for an aggregated score in [-1, 1].

    With ``counts`` (labels of the mentions behind the mean), a polar label
    also needs at least one mention that the model itself called so: a few
    mentions that all lean slightly one way while each is neutral stay neutral.
    """
    if score is None or not isinstance(score, (int, float)) or math.isnan(score):
        return None
    label = "positive" if score > band else "negative" if score < -band else "neutral"
    if counts is not None and label != "neutral" and not counts.get(label):
        return "neutral"
    return label


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


class TargetSentimentModel:
    """A target-dependent sentiment classifier served by onnxruntime.

    ``predict`` takes every target of an article in one call, sorts them by
    token length and runs them in dynamically padded batches, so one long
    sentence does not pad all the others.
    """

    def __init__(self, model_dir: pathlib.Path | str = MODEL_DIR, *, model_file: str = MODEL_FILE,
                 threads: int | None = None, batch_size: int = 8) -> None:
        import onnxruntime as ort

        model_dir = pathlib.Path(model_dir)
        try:
            self.config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
            self.tokenizer = load_tokenizer(model_dir / "tokenizer.json")
        except Exception as exc:  # noqa: BLE001 - any load failure means "no model"
            raise ModelNotAvailableError(f"target-sentiment model not loadable from {model_dir}: {exc}") from exc
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
        except Exception as exc:  # noqa: BLE001
            raise ModelNotAvailableError(f"cannot load {path}: {exc}") from exc
        self._input_names = {i.name for i in self.session.get_inputs()}
        self.labels = tuple(self.config.get("labels", LABELS))
        self.max_len = int(self.config.get("max_len", DEFAULT_MAX_LEN))
        self.batch_size = max(int(batch_size), 1)
        self._ids = dict(cls_id=int(self.config["cls_id"]), sep_id=int(self.config["sep_id"]),
                         open_id=int(self.config["open_id"]), close_id=int(self.config["close_id"]))
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


_MODEL: TargetSentimentModel | None = None
_MODEL_LOCK = threading.Lock()


def get_model() -> TargetSentimentModel:
    """The process-wide model, loaded on first use."""
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                _MODEL = TargetSentimentModel()
    return _MODEL


# --------------------------------------------------------------------------- lexicon view

_VADER = None
_VADER_LOCK = threading.Lock()


def _vader() -> Any:
    global _VADER
    if _VADER is None:
        with _VADER_LOCK:
            if _VADER is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _VADER = SentimentIntensityAnalyzer()
    return _VADER


def lexicon_scores(text: str) -> dict[str, float]:
    """Sentence-level lexicon scores: TextBlob polarity and subjectivity, VADER compound.

    These score the words' overall mood, not the stance toward any actor; they
    are shown beside the model as the "lexicon view".
    """
    if not isinstance(text, str) or not text.strip():
        return {"polarity": 0.0, "subjectivity": 0.0, "vader": 0.0}
    try:
        from textblob import TextBlob

        s = TextBlob(text).sentiment
        polarity, subjectivity = float(s.polarity), float(s.subjectivity)
    except Exception:  # noqa: BLE001 - a lexicon hiccup must not sink the article
        polarity, subjectivity = 0.0, 0.0
    try:
        vader = float(_vader().polarity_scores(text)["compound"])
    except Exception:  # noqa: BLE001
        vader = 0.0
    return {"polarity": polarity, "subjectivity": subjectivity, "vader": vader}


# --------------------------------------------------------------------------- article scoring


def _sentence_span(parsed: "ParsedArticle", m: Mention) -> tuple[int, int]:
    """Article offsets of the sentence holding a mention (the mention itself at worst)."""
    sents = parsed.sentences
    s = None
    if 0 <= m.sentence_index < len(sents) and sents[m.sentence_index].start <= m.start < sents[m.sentence_index].end:
        s = sents[m.sentence_index]
    if s is None:
        s = parsed.sentence_at(m.start)
    if s is None:
        return m.start, m.end
    return s.start, max(s.end, m.end)


# Dependencies by which a word describes the noun it hangs on ("Estonia's
# minister", "U.K. Foreign Secretary X", "NATO chief X"): such a mention is
# part of who the speaker is, not what the speaker talks about.
_DESCRIPTOR_DEPS = frozenset({"compound", "poss", "nmod", "amod", "appos", "case", "det", "npadvmod"})


def _describes_speaker(parsed: "ParsedArticle", m: Mention, q: Quote) -> bool:
    """True when a mention lies in the speaker's own designation rather than in what is said."""
    if q.speaker_start is None or q.speaker_end is None:
        return False
    if q.speaker_start <= m.start and m.end <= q.speaker_end:
        return True
    if q.start <= m.start and m.end <= q.end:
        return False  # inside the content: always something said
    try:
        for bd in parsed.block_docs:
            if bd.block.start <= m.start < bd.block.end:
                rel = m.start - bd.block.start
                tok = next((t for t in bd.doc if t.idx <= rel < t.idx + max(len(t.text), 1)), None)
                for _ in range(6):  # a designation is a short chain of modifiers
                    if tok is None or tok.dep_ not in _DESCRIPTOR_DEPS or tok.head is tok:
                        break
                    tok = tok.head
                    start = bd.block.start + tok.idx
                    if q.speaker_start <= start < q.speaker_end:
                        return True
                return False
    except Exception:  # noqa: BLE001 - a parse oddity means "not a descriptor"
        return False
    return False


def score_article(parsed: "ParsedArticle", actors: list[Actor], mentions: list[Mention],
                  quotes: list[Quote], *, model: TargetSentimentModel | None = None) -> list[MentionSentiment]:
    """Target sentiment for one article, with a single batched model call.

    - Every mention of a PERSON/ORG/GPE/NORP actor is scored in its own
      sentence. Those outside quote content (``in_quote`` False) are the
      reporter's portrayal: ``Actor.portrayal`` (mean score),
      ``portrayal_label`` and ``portrayal_counts`` are filled from them.
    - ``Quote.tone`` is VADER's compound score of the quote's content (the
      speaker's own words, lexicon-only on purpose: the mood of the words, not
      a stance toward anyone), ``Quote.subjectivity`` and ``Quote.polarity``
      TextBlob's (the lexicon view); ``Actor.tone``
      is the mean tone of the actor's quotes.
    - ``Quote.targets``: each actor other than the speaker mentioned inside the
      quote's content or in its sentence, with the model's polarity toward it
      (mean over its mentions there): the speaker -> target stance. Mentions
      that only describe the speaker ("Estonia's minister X", "NATO chief X")
      are not targets.

    Returns one MentionSentiment per scored mention (in-quote ones flagged).
    The records passed in are updated in place. Never raises on odd input:
    if the model is unavailable, portrayal and stance are left empty.
    """
    text = parsed.article.text if parsed is not None and parsed.article is not None else ""
    by_id = {a.id: a for a in actors or []}

    # A place that is also named as people ("European officials", "African leaders" folded into
    # Europe, Africa) acts as a collective actor: its portrayal and stance count like a nation's.
    collective = {m.actor_id for m in mentions or [] if m.actor_id and m.label in SENTIMENT_TYPES}

    def wanted(m: Mention) -> bool:
        if not m.actor_id or m.actor_id not in by_id:
            return False
        typ = by_id[m.actor_id].type or m.label
        return (typ in SENTIMENT_TYPES or m.actor_id in collective) and 0 <= m.start < m.end <= len(text)

    # Mentions whose stance a quote carries: inside the content or in the quote's sentence.
    quote_mentions: list[list[Mention]] = []
    for q in quotes or []:
        inside = []
        for m in mentions or []:
            near = (q.start <= m.start and m.end <= q.end) or m.sentence_index == q.sentence_index
            # cheapest tests first: _describes_speaker walks the parse
            if not near or not wanted(m) or (q.speaker_id and m.actor_id == q.speaker_id):
                continue
            if not _describes_speaker(parsed, m, q):
                inside.append(m)
        quote_mentions.append(inside)

    # Each mention is scored once, in its own sentence, whatever uses it.
    needed: dict[tuple[int, int], Mention] = {}
    for m in mentions or []:
        if wanted(m) and not m.in_quote:
            needed.setdefault((m.start, m.end), m)
    for group in quote_mentions:
        for m in group:
            needed.setdefault((m.start, m.end), m)
    keys = list(needed)
    items = []
    for k in keys:
        m = needed[k]
        s0, s1 = _sentence_span(parsed, m)
        items.append((text[s0:s1], m.start - s0, m.end - s0))
    preds: dict[tuple[int, int], tuple[str, float]] = {}
    if items:
        try:
            mdl = model or get_model()
            preds = dict(zip(keys, mdl.predict(items)))
        except Exception:  # noqa: BLE001 - no model: keep the lexicon view, leave stance empty
            preds = {}

    results: list[MentionSentiment] = []
    for m in mentions or []:
        key = (m.start, m.end)
        if key in preds and needed.get(key) is m:
            label, score = preds[key]
            results.append(MentionSentiment(actor_id=m.actor_id or "", start=m.start, end=m.end,
                                            sentence_index=m.sentence_index, label=label,
                                            score=round(score, 4), in_quote=bool(m.in_quote)))

    # Portrayal: the reporter's own sentences only.
    per_actor: dict[str, list[MentionSentiment]] = {}
    for r in results:
        if not r.in_quote:
            per_actor.setdefault(r.actor_id, []).append(r)
    for a in actors or []:
        rs = per_actor.get(a.id, [])
        if rs:
            a.portrayal = round(sum(r.score for r in rs) / len(rs), 4)
            a.portrayal_counts = {lab: sum(1 for r in rs if r.label == lab) for lab in LABELS}
            a.portrayal_label = label_of(a.portrayal, counts=a.portrayal_counts)
        else:
            a.portrayal, a.portrayal_label, a.portrayal_counts = None, None, {}

    # Tone and stance of quotes.
    tones: dict[str, list[float]] = {}
    for q, group in zip(quotes or [], quote_mentions):
        content = q.text if isinstance(q.text, str) and q.text else text[q.start:q.end]
        lex = lexicon_scores(content)
        q.tone = round(lex["vader"], 4)
        q.subjectivity = round(lex["subjectivity"], 4)
        q.polarity = round(lex["polarity"], 4)
        if q.speaker_id:
            tones.setdefault(q.speaker_id, []).append(q.tone)
        per_target: dict[str, list[tuple[str, float]]] = {}
        for m in group:
            p = preds.get((m.start, m.end))
            if p is not None:
                per_target.setdefault(m.actor_id or "", []).append(p)
        q.targets = []
        for aid, ps in per_target.items():
            pol = round(sum(sc for _, sc in ps) / len(ps), 4)
            counts = {lab: sum(1 for lb, _ in ps if lb == lab) for lab in LABELS}
            q.targets.append(QuoteTarget(actor_id=aid, actor=by_id[aid].name, polarity=pol,
                                         label=label_of(pol, counts=counts) or "neutral"))
    for a in actors or []:
        ts = tones.get(a.id)
        a.tone = round(sum(ts) / len(ts), 4) if ts else None
    return results


# --------------------------------------------------------------------------- aggregation


def portrayal_evidence(sentiments: Iterable[MentionSentiment], actor_id: str, k: int = 3) -> dict[str, list[MentionSentiment]]:
    """The strongest negative and positive mentions of one actor (reporter's sentences only).

    Returns {"negative": [...], "positive": [...]}, each at most ``k`` long,
    strongest first: the sentences an analyst reads to check a portrayal.
    """
    own = [s for s in sentiments if s.actor_id == actor_id and not s.in_quote]
    neg = sorted((s for s in own if s.score < 0 and s.label == "negative"), key=lambda s: s.score)[:k]
    pos = sorted((s for s in own if s.score > 0 and s.label == "positive"), key=lambda s: -s.score)[:k]
    return {"negative": neg, "positive": pos}


def aggregate_portrayal(sentiments: Iterable[MentionSentiment]) -> dict[str, dict[str, Any]]:
    """Per-actor portrayal over any set of mentions (one article or a whole corpus).

    Returns actor_id -> {"mean", "label", "n", "counts"}; mentions inside
    quotes are left out (they are the speaker's words, not the reporter's).
    Actor ids are stable across articles, so corpus totals are a plain merge.
    """
    acc: dict[str, list[MentionSentiment]] = {}
    for s in sentiments:
        if not s.in_quote and s.actor_id:
            acc.setdefault(s.actor_id, []).append(s)
    out: dict[str, dict[str, Any]] = {}
    for aid, rs in acc.items():
        mean = sum(r.score for r in rs) / len(rs)
        counts = {lab: sum(1 for r in rs if r.label == lab) for lab in LABELS}
        out[aid] = {"mean": round(mean, 4), "label": label_of(mean, counts=counts), "n": len(rs), "counts": counts}
    return out


def stance_matrix(quotes: Iterable[Quote]) -> list[dict[str, Any]]:
    """The who-says-what-about-whom matrix, as rows (speaker, target, polarity).

    One row per (speaker, target) pair over the given quotes (one article or a
    corpus): mean polarity, its label and the number of quotes behind it.
    Unattributed quotes are left out.
    """
    acc: dict[tuple[str, str], dict[str, Any]] = {}
    for q in quotes:
        if not q.speaker_id:
            continue
        for t in q.targets:
            row = acc.setdefault((q.speaker_id, t.actor_id), {
                "speaker_id": q.speaker_id, "speaker": q.speaker_name or q.speaker_id,
                "target_id": t.actor_id, "target": t.actor, "scores": [], "labels": []})
            row["scores"].append(t.polarity)
            row["labels"].append(t.label)
    rows = []
    for row in acc.values():
        scores, labels = row.pop("scores"), row.pop("labels")
        row["polarity"] = round(sum(scores) / len(scores), 4)
        row["label"] = label_of(row["polarity"], counts={lab: labels.count(lab) for lab in LABELS})
        row["n"] = len(scores)
        rows.append(row)
    rows.sort(key=lambda r: (r["speaker"], r["target"]))
    return rows


# --------------------------------------------------------------------------- command line


def _parse_cli_line(line: str, lineno: int) -> tuple[str, int, int]:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"line {lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError(f"line {lineno}: expected a JSON object with text, start, end")
    text, start, end = obj.get("text"), obj.get("start"), obj.get("end")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"line {lineno}: 'text' must be a non-empty string")
    for name, v in (("start", start), ("end", end)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"line {lineno}: '{name}' must be an integer")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"line {lineno}: need 0 <= start < end <= len(text) (got {start}, {end}, {len(text)})")
    return text, start, end


def run_target_sentiment_cli(stdin: TextIO, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """``python -m analysis target-sentiment``: JSONL (text, start, end) in, (label, score) out.

    All lines are read and checked first, then scored in one batched call, and
    written in input order. A malformed line: one clear line on stderr, exit 2,
    nothing on stdout.
    """
    import sys

    err = stderr if stderr is not None else sys.stderr
    items: list[tuple[str, int, int]] = []
    try:
        for lineno, line in enumerate(stdin, 1):
            if not line.strip():
                continue
            items.append(_parse_cli_line(line, lineno))
    except ValueError as exc:
        print(f"target-sentiment: {exc}", file=err)
        return 2
    except UnicodeDecodeError as exc:
        print(f"target-sentiment: input is not valid UTF-8 ({exc.reason})", file=err)
        return 2
    try:
        preds = get_model().predict(items)
    except ModelNotAvailableError as exc:
        print(f"target-sentiment: {exc}", file=err)
        return 1
    for label, score in preds:
        stdout.write(json.dumps({"label": label, "score": round(score, 4)}) + "\n")
    stdout.flush()
    return 0
