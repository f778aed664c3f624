"""Assembly: attributed cues -> ``Quote`` records, in text order.

Cues of one statement (the same verb around a split quote, or coordinated verbs
of one speaker) become one record. A record is direct when every piece is
exactly a quote span, mixed when it holds quote spans among reported words, and
indirect otherwise. Each record keeps its ``pieces``: the offsets of the
speaker's own words, less the cue and the speaker inside a split record, which
``mark_in_quote`` reads.
"""
from __future__ import annotations

import dataclasses


from ..records import Quote
from .cues import Cue
from .index import ArticleIndex
from .marks import QuoteSpan, strip
from .sources import Speaker

Range = tuple[int, int]


def _strip_edges(text: str, s: int, e: int) -> Range:
    """[s, e) less white space and the commas, colons and dashes at its edges."""
    s, e = strip(text, s, e)
    while s < e and text[s] in ",;:\u2014\u2013":
        s = strip(text, s + 1, e)[0]
    while e > s and text[e - 1] in ",;:\u2014\u2013":
        e = strip(text, s, e - 1)[1]
    return s, e


def _minus(parts: list[Range], holes: list[Range]) -> list[Range]:
    """The stretches of ``parts`` outside every hole."""
    out = []
    for s, e in parts:
        pieces = [(s, e)]
        for hs, he in holes:
            nxt = []
            for a, b in pieces:
                if he <= a or b <= hs:
                    nxt.append((a, b))
                    continue
                if a < hs:
                    nxt.append((a, hs))
                if he < b:
                    nxt.append((he, b))
            pieces = nxt
        out.extend(pieces)
    return out


def _same_speaker(a: Speaker, b: Speaker) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return (a.name or "").lower() == (b.name or "").lower()


def _valid_nation(code: str | None) -> bool:
    return isinstance(code, str) and len(code) == 2 and code.isalpha() and code.isupper()


def merge_groups(cues: list[Cue]) -> list[list[Cue]]:
    """Cues of one statement: the same verb (split quotes), or coordinated verbs of one speaker."""
    groups: list[list[Cue]] = []
    by_verb: dict[tuple[int, int], list[Cue]] = {}
    ordered = sorted((c for c in cues if c.parts), key=lambda c: min(s for s, _ in c.parts))
    for cue in ordered:
        key = (id(cue.bd), cue.verb.i) if cue.verb is not None else (id(cue), -1)
        joined = False
        if key in by_verb and all(x.sent == cue.sent or x.verb is cue.verb for x in by_verb[key]):
            by_verb[key].append(cue)
            joined = True
        elif cue.verb is not None and cue.verb.dep_ == "conj":
            head_key = None
            h = cue.verb.head
            for _ in range(3):
                if (id(cue.bd), h.i) in by_verb:
                    head_key = (id(cue.bd), h.i)
                    break
                if h.head.i == h.i:
                    break
                h = h.head
            if head_key is not None and _same_speaker(by_verb[head_key][0].speaker, cue.speaker) \
                    and by_verb[head_key][0].sent == cue.sent:
                by_verb[head_key].append(cue)
                by_verb[key] = by_verb[head_key]
                joined = True
        if not joined:
            grp = [cue]
            by_verb[key] = grp
            groups.append(grp)
    return groups


def _record(index: ArticleIndex, group: list[Cue]) -> Quote | None:
    """One statement's record, or None when its content is empty."""
    first = group[0]
    parts: list[Range] = []
    quoted: list[QuoteSpan] = []
    for cue in group:
        parts.extend(cue.parts)
        quoted.extend(q for q in cue.quoted if q not in quoted)
    if not parts:
        return None
    parts.sort()
    # Direct when every piece is exactly a quote span.
    exact = all(any(q.open == s and q.close == e for q in quoted) for s, e in parts)
    start, end = parts[0][0], parts[-1][1]
    if exact:
        inner = sorted((q.start, q.end) for q in quoted if any(q.open == s and q.close == e for s, e in parts))
        start, end = inner[0][0], inner[-1][1]
        kind = "direct"
        inside = inner
    else:
        kind = "mixed" if quoted else "indirect"
        inside = [_strip_edges(index.text, s, e) for s, e in parts]
        start, end = _strip_edges(index.text, start, end)
    if end <= start:
        return None
    # The speaker's own words inside a split record are not quoted content.
    sp = first.speaker
    speaker_span = (sp.start, sp.end) if sp.start is not None else None
    inside = [p for p in inside if p[1] > p[0]]
    cue = first
    block = index.parsed.article.block_at(start)
    pieces = _minus(inside, [(cue.start, cue.end)] + ([speaker_span] if speaker_span else []))
    return Quote(start=start, end=end, text=index.text[start:end], kind=kind, cue=cue.text,
                           cue_start=cue.start, cue_end=cue.end, speaker_id=sp.actor_id,
                           speaker_name=_group_name(sp.name) if sp.kind == "group" else sp.name,
                           speaker_nation=sp.nation if _valid_nation(sp.nation) else None, speaker_kind=sp.kind,
                           speaker_start=speaker_span[0] if speaker_span else None,
                           speaker_end=speaker_span[1] if speaker_span else None,
                           sentence_index=index.sentence_index(start),
                           block_index=block.index if block is not None else cue.bd.block.index,
                           pieces=tuple(pieces), speaks_for=sp.speaks_for)


def _group_name(words: str | None) -> str | None:
    """A group source in its own words, without the article: "police", "government of Tuvalu"."""
    if words and words[:4] in ("The ", "the ") and len(words) > 4:
        return words[4:]
    return words


def assemble(index: ArticleIndex, cues: list[Cue]) -> list[Quote]:
    """The records of every statement, in text order, one per stretch of words and speaker."""
    out = []
    for group in merge_groups(cues):
        rec = _record(index, group)
        if rec is None:
            continue
        members = group[0].speaker.members
        if not members:
            out.append(rec)
            continue
        for m in members:  # a statement by "the Herald and the Courier" is credited to each of them
            # the speaker's words stay the whole group's, so no member is a target of another's stance
            out.append(dataclasses.replace(rec, speaker_id=m.actor_id, speaker_name=m.name, speaker_kind="named",
                                           speaker_nation=m.nation if _valid_nation(m.nation) else None))
    out.sort(key=lambda r: (r.start, r.end))
    # Two records over the same words: keep the one found first (its cue is nearer).
    # ``out`` is sorted by start, so every kept record starts at or before ``q``: it holds ``q`` when it
    # ends at or after it; the furthest end kept per speaker says so in one look (not a scan of all kept).
    kept: list[Quote] = []
    furthest: dict[str | None, int] = {}
    for q in out:
        if furthest.get(q.speaker_name, -1) >= q.end:
            continue
        kept.append(q)
        furthest[q.speaker_name] = max(furthest.get(q.speaker_name, -1), q.end)
    return kept
