"""Plain result records of the analysis, keyed by article id and character offsets.

Every ``start``/``end`` pair is an end-exclusive character offset into
``Article.text`` (the text exactly as decoded for plain text, or the text
extracted from HTML/DOCX/PDF), so ``article.text[start:end]`` is the span.
These records are what the store persists and what the command line prints;
nothing here depends on spaCy or Streamlit.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterator

BLOCK_KINDS = ("standfirst", "title", "heading", "paragraph")


@dataclass
class Block:
    """One unit of the article's structure, analysed on its own by spaCy."""

    index: int
    kind: str  # one of BLOCK_KINDS
    start: int
    end: int
    text: str


@dataclass
class Article:
    """A parsed article: its text, structure and metadata."""

    text: str
    blocks: list[Block]
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or None when unknown
    published_source: str | None = None  # "metadata" | "dateline" | None
    source: str | None = None  # outlet or file name the article came from
    fmt: str = "txt"  # txt | md | html | docx | pdf | paste | jsonl | csv
    id: str = ""  # filled from the content hash when empty

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.content_hash[:16]

    @property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalised text: the de-duplication key."""
        norm = " ".join(self.text.split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    def block_at(self, offset: int) -> Block | None:
        """The block that holds a character offset, if any."""
        for b in self.blocks:
            if b.start <= offset < b.end:
                return b
        return None

    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class Sentence:
    index: int  # order in the article
    block_index: int
    start: int
    end: int


@dataclass
class Mention:
    """One surface mention of an actor (entity) in the text."""

    start: int
    end: int
    text: str
    label: str  # spaCy label after corrections: PERSON, ORG, GPE, NORP, LOC, ...
    actor_id: str | None
    sentence_index: int
    block_index: int
    in_quote: bool = False  # inside the content of a quote (set by the quote step)


@dataclass
class Actor:
    """A canonical real-world entity of one article (ids are stable across articles)."""

    id: str  # stable key such as "PERSON:vladimir-putin", "GPE:RU", "ORG:nato"
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    nation: str | None = None  # ISO 3166-1 alpha-2
    # where the nation came from: "stated" (this article's words), "inferred" (the story's setting and
    # the actor's office or body), "corpus" (another article), "analyst" (a correction); None with no nation
    nation_basis: str | None = None
    nation_reason: str | None = None  # the basis in words: "national office in a story set in GB (dateline: LONDON)"
    nation_conflicts: list[str] = field(default_factory=list)  # other articles that state another nation
    affiliation: str | None = None  # non-state body: "NATO", "European Union"
    role: str | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    mentions: int = 0
    first_start: int | None = None
    first_end: int | None = None
    gender: str | None = None  # "m" | "f" | None, from the text's own pronouns/honorifics
    ambiguous: bool = False  # a bare surname shared by two people: left unmerged
    portrayal: float | None = None
    portrayal_label: str | None = None
    portrayal_counts: dict[str, int] = field(default_factory=dict)
    tone: float | None = None


@dataclass
class QuoteTarget:
    actor_id: str
    actor: str  # canonical name
    polarity: float  # -1..1, the speaker's stance toward that actor
    label: str = "neutral"


@dataclass
class Quote:
    start: int  # offsets of the quoted or reported content
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_id: str | None  # canonical actor id, or None when unattributed or unnamed
    speaker_name: str | None  # canonical name, or the group's words ("European officials")
    speaker_nation: str | None
    speaker_kind: str  # "named" | "pronoun" | "nominal" | "spokesperson" | "group" | "unnamed" | "none"
    speaker_start: int | None
    speaker_end: int | None
    sentence_index: int
    block_index: int
    tone: float | None = None  # VADER compound of the content: the mood of the speaker's words
    subjectivity: float | None = None  # TextBlob subjectivity of the content
    polarity: float | None = None  # TextBlob polarity of the content (the lexicon view)
    targets: list[QuoteTarget] = field(default_factory=list)
    # the content's own pieces (a split quote has two; the cue and speaker between them are none)
    pieces: tuple[tuple[int, int], ...] = ()
    # a spokesperson's quote: the name of the actor they speak for (``speaker_id`` is that actor's)
    speaks_for: str | None = None


@dataclass
class Event:
    """A time expression, resolved against the anchor (publication) date."""

    start: int  # offsets of the expression
    end: int
    expression: str
    value: str | None  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD"; None when unresolved
    precision: str | None  # "year" | "month" | "day"
    kind: str  # "date" | "since" | "until" | "range" | "duration" | ...
    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence: str
    actor_ids: list[str] = field(default_factory=list)
    speaker_id: str | None = None
    end_value: str | None = None  # for ranges: the end of the range
    anchor: str | None = None  # the date it was resolved against
    features: dict[str, Any] = field(default_factory=dict)  # what re-resolution needs, without spaCy


@dataclass
class MentionSentiment:
    """The target-dependent sentiment of one actor mention in its sentence."""

    actor_id: str
    start: int  # mention offsets
    end: int
    sentence_index: int
    label: str  # negative | neutral | positive
    score: float  # -1..1
    in_quote: bool = False


@dataclass(frozen=True)
class Problem:
    """A step of the analysis that failed on one article: shown in the Upload result, on stderr, in the store."""

    step: str  # "actors" | "quotes" | "events" | "sentiment" | ...
    message: str  # "ValueError: ..." as the step raised it


@dataclass
class ArticleAnalysis:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentiments: list[MentionSentiment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def actor(self, actor_id: str | None) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def sentence_of(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def iter_sentence_text(self) -> Iterator[tuple[Sentence, str]]:
        for s in self.sentences:
            yield s, self.article.text[s.start:s.end]


# ---------------------------------------------------------------------------------------------- as plain data
RECORDS_FORMAT = 1  # bump when a record's fields change, so stale saved analyses are analysed again


def analysis_to_dict(result: ArticleAnalysis) -> dict[str, Any]:
    """Every field of an analysis as JSON-ready data (``analysis_from_dict`` gives it back whole)."""
    d = asdict(result)
    d["format"] = RECORDS_FORMAT
    return d


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    return cls(**data)


def analysis_from_dict(data: dict[str, Any]) -> ArticleAnalysis:
    """The analysis that ``analysis_to_dict`` wrote; ``ValueError`` when it is of another format."""
    if not isinstance(data, dict) or data.get("format") != RECORDS_FORMAT:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"saved analysis is of format {got!r}, not {RECORDS_FORMAT}")
    art = dict(data["article"])
    art["blocks"] = [_build(Block, b) for b in art.get("blocks", [])]
    quotes = []
    for q in data.get("quotes", []):
        q = dict(q)
        q["targets"] = [_build(QuoteTarget, t) for t in q.get("targets", [])]
        q["pieces"] = tuple(tuple(p) for p in q.get("pieces", ()))
        quotes.append(_build(Quote, q))
    return ArticleAnalysis(
        article=_build(Article, art),
        sentences=[_build(Sentence, s) for s in data.get("sentences", [])],
        mentions=[_build(Mention, m) for m in data.get("mentions", [])],
        actors=[_build(Actor, a) for a in data.get("actors", [])],
        quotes=quotes,
        events=[_build(Event, e) for e in data.get("events", [])],
        sentiments=[_build(MentionSentiment, s) for s in data.get("sentiments", [])],
        problems=[_build(Problem, p) for p in data.get("problems", [])],
    )
