"""Content: what a cue verb reports, read from the parse.

Each rule below reads one construction; ``content`` tries them in order and
returns the first stretch found (article offsets), or None when the verb
reports nothing of its own:

1. a clausal complement ("said (that) ...", "warned that ...", "asked whether ...");
2. the clause a cue hangs off ("The issue is X, he added.");
3. a noun with a that-clause ("rejected the suggestion that ...");
4. an addressee and an infinitive ("urged X to ...", "called on X to ...");
5. a promise or threat ("vowed to fight on");
6. an accusation ("accused X of ...", "blamed X for ...");
7. a characterisation holding a quote ("called the deal "null and void"").
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..lexicon.politics import abstract_nouns
from .index import tok_end, tok_start
from .marks import ALL_MARKS, QuoteSpan
from .vocabulary import ADDRESSEE_VERBS, NOT_FRONTED, is_cue, is_verb, lemma, lex, lexd

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..parsed import BlockDoc

Range = tuple[int, int]


def tokens_range(bd: "BlockDoc", tokens: list["Token"]) -> Range | None:
    """Article offsets of a token run, without the punctuation and "that" at its edges."""
    tokens = [t for t in tokens if not t.is_space]

    def weak_first(t: "Token") -> bool:
        return (t.is_punct and t.text not in ALL_MARKS + "([") or (t.lower_ == "that" and t.dep_ == "mark")

    def weak_last(t: "Token") -> bool:
        return (t.is_punct and t.text not in ALL_MARKS + ")]") or t.dep_ == "cc"

    while tokens and weak_first(tokens[0]):
        tokens = tokens[1:]
    while tokens and weak_last(tokens[-1]):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tok_start(bd, tokens[0]), tok_end(bd, tokens[-1])


#: subordinating words whose clause belongs to the statement around it, even when its verb could report
_CLAUSE_MARKS = frozenset({"because", "since", "although", "though", "if", "unless", "until", "so", "once", "after",
                           "before", "when"})


def subtree_run(root: "Token", cue: "Token", start_at: "Token | None" = None) -> list["Token"]:
    """The contiguous stretch of ``root``'s subtree, less statements coordinated with it.

    "said talks were "positive" but confirmed ..." and "said X, while Y wrote ..." hold a
    second cue inside the first one's clause: its words are not the first cue's content.
    A cue in a clausal complement ("said Y had warned that ...") is reported speech and stays.
    """
    doc = root.doc
    excluded: set[int] = {cue.i}
    for t in root.subtree:
        if t.lower_ == "according" and t.dep_ == "prep" and t.i > root.i:
            # "…, according to Gordon Brown's aides": an attribution of its own, no part of the content
            excluded.update(range(t.i, t.right_edge.i + 1))
            j = t.i - 1
            while j > root.i and doc[j].is_punct and doc[j].text not in ALL_MARKS:
                excluded.add(j)
                j -= 1
        if t.i == root.i or not is_cue(t) or t.dep_ not in ("conj", "advcl", "parataxis"):
            continue
        if t.dep_ != "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in t.children):
            continue  # "… a shorter sentence because they had admitted it": a reason, not a cue
        excluded.update(range(t.left_edge.i, t.right_edge.i + 1))
        j = t.left_edge.i - 1
        while j > root.i and doc[j].dep_ in ("cc", "mark", "punct") and doc[j].text not in ALL_MARKS:
            excluded.add(j)
            j -= 1
    first = min((start_at or root).left_edge.i, root.left_edge.i)
    run: list["Token"] = []
    for i in range(first, root.right_edge.i + 1):
        if i in excluded:
            if i > root.i:
                break
            run = []
            continue
        run.append(doc[i])
    return run


def _fronted(c: "Token", v: "Token") -> bool:
    """A complement before its cue is reported only as "X, he said" (a comma, no semicolon).

    Orders and promises are not written that way: "A did X, B ordered Y" is two clauses.
    """
    if lemma(v) in NOT_FRONTED:
        return False
    between = [t.text for t in v.doc[c.right_edge.i + 1:v.i]]
    return "," in between and not any(x in between for x in (";", ":"))


def _more_of_the_statement(v: "Token", c: "Token", run: list["Token"]) -> list["Token"]:
    """The rest of a statement the parser hung on the cue instead of on its complement ``c``.

    "The cost is six billion, but the markets are saturated, he noted": a second complement of the
    same cue. "He said he was interested from the first year, but in his region there are none": a
    clause joined to the cue in the present tense, where the cue is past, is the speaker's, not the
    narrator's.
    """
    if not run:
        return []
    doc = v.doc
    end = run[-1].i
    more: list["Token"] = []
    for x in sorted(v.children, key=lambda t: t.i):
        if x.i <= end or is_cue(x):
            continue
        joined = x.dep_ == "ccomp" and (x.i < v.i) == (c.i < v.i)
        present = x.dep_ == "conj" and v.tag_ == "VBD" and x.tag_ in ("VBZ", "VBP") \
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in x.children) \
            and any(t.dep_ == "cc" and t.lower_ in ("but", "and") for t in doc[end + 1:x.left_edge.i + 1])
        if not (joined or present):
            continue
        gap = list(doc[end + 1:x.left_edge.i])
        if any(t.text in (";", ":") or t.i == v.i or t.head.i == v.i and t.dep_ in ("nsubj", "nsubjpass")
               for t in gap):
            break
        more += gap + list(doc[x.left_edge.i:x.right_edge.i + 1])
        end = x.right_edge.i
    return more


def _complement(bd: "BlockDoc", v: "Token", speech: bool) -> Range | None:
    """1. "said (that) ...", "warned that ...", "asked whether ..."."""
    lem = lemma(v)
    kids = list(v.children)
    # A complement after the cue first: "Regarding X, Y said it was Z" reports Z.
    for c in sorted(kids, key=lambda k: (k.i < v.i, k.i)):
        if c.dep_ == "ccomp" and (c.i > v.i or _fronted(c, v)):
            inner = next((x for x in c.children if x.dep_ == "ccomp" and x.i < c.i and x.i > v.i), None)
            if is_cue(c) and inner is not None and _fronted(inner, c) \
                    and any(g.dep_ == "nsubj" and g.i > inner.i for g in c.children):
                # "A said that X, B reported": the parser hung the tag "B reported" between the cue and X
                c = inner
            start_at = None
            if c.i > v.i and lem not in ADDRESSEE_VERBS:
                obj = next((d for d in kids if d.dep_ == "dobj" and v.i < d.i < c.i), None)
                if not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children):
                    # "remarked toilet paper is bulky": the parser took the clause's subject
                    # for the verb's object
                    start_at = obj
                elif obj is not None and obj.pos_ == "NOUN" and \
                        all(t.text in ")]" for t in v.doc[obj.right_edge.i + 1:c.left_edge.i]):
                    # "said hundreds of ISIS (…) fighters escaped": the clause's subject cut in two
                    start_at = obj
            subjectless = not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)
            if subjectless and start_at is None and c.tag_ == "VBN":
                continue  # "said in a statement read out at the meeting": a participle of the noun, no statement
            run = subtree_run(c, v, start_at=start_at)
            run += _more_of_the_statement(v, c, run)
            if c.i < v.i and v.dep_ == "ccomp" and is_cue(v.head) and v.head.i < c.left_edge.i \
                    and any(g.dep_ == "nsubj" and g.i > c.i for g in v.children):
                # "A said that X, B reported": B relays A's whole statement, A and the cue with it
                first = v.head.left_edge.i
                run = [t for t in v.doc[first:c.right_edge.i + 1]]
            rng = tokens_range(bd, run)
            if rng:
                return rng
    # "said as a teenager she was forced ...": a complement the parser read as an
    # adverbial clause (its own subject, no "because"/"when" before it)
    if speech:
        for c in kids:
            if c.dep_ == "advcl" and c.i > v.i and \
                    any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and \
                    not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children) and \
                    not any(g.dep_ == "advmod" and g.tag_ == "WRB" for g in c.children) and \
                    not any(x.text == "," for x in v.doc[v.i + 1:c.left_edge.i]):
                rng = tokens_range(bd, subtree_run(c, v))
                if rng:
                    return rng
    return None


def _reported_head(bd: "BlockDoc", v: "Token") -> Range | None:
    """2. The cue hangs off the clause it reports: "The issue is X, he added."."""
    if not (v.dep_ in ("parataxis", "ccomp", "advcl") and v.head.i < v.i
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) and is_verb(v.head)
            and all(t.is_punct or t.is_space for t in v.doc[v.right_edge.i + 1:v.sent.end])):
        return None
    if any(c.dep_ in ("mark", "dobj", "ccomp", "xcomp") for c in v.children):
        return None  # "…, while Asda reported a fall": a statement of its own, not a tag on the clause
    head = v.head
    doc = v.doc
    own = {x.i for x in v.subtree}
    run = [doc[i] for i in range(head.left_edge.i, v.left_edge.i) if i not in own]
    if run and any(doc[i].text == "," for i in range(head.i, v.left_edge.i)):
        return tokens_range(bd, run)
    return None


def parenthetical(bd: "BlockDoc", v: "Token") -> list[Range]:
    """The two pieces of a clause a cue interrupts: "The plan, he added, would cost billions" reports
    "The plan" and "would cost billions" (the cue between commas, the clause its head)."""
    head, doc = v.head, v.doc
    if v.dep_ != "parataxis" or not (v.left_edge.i > head.left_edge.i and v.i < head.i) or not is_verb(head) \
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return []
    before, after = v.left_edge.i, v.right_edge.i  # the commas may hang off the cue
    before -= 0 if doc[before].is_punct else 1
    after += 0 if doc[after].is_punct else 1
    if before < 0 or after >= len(doc) or doc[before].text not in (",", "\u2013", "\u2014", "-") \
            or doc[after].text != doc[before].text:
        return []
    lead = list(doc[head.left_edge.i:before])
    cut = max((k for k, t in enumerate(lead) if t.text in (";", ":")), default=-1)
    first = tokens_range(bd, lead[cut + 1:])  # "…in May; they had, his father says, paid …": from "they"
    second = tokens_range(bd, [t for t in doc[after + 1:head.right_edge.i + 1]])
    return [r for r in (first, second) if r]


def _content_noun(bd: "BlockDoc", v: "Token") -> Range | None:
    """3. A noun with a that-clause: "rejected the suggestion that ...", "voiced concern that ..."."""
    for d in v.children:
        if d.dep_ != "dobj" or d.lemma_.lower() not in lex("content_nouns") and \
                d.lower_ not in lex("content_nouns"):
            continue
        for c in d.children:
            if c.dep_ in ("acl", "ccomp", "relcl") and c.i > d.i and \
                    any(t.lower_ == "that" for t in v.doc[d.i + 1:c.i + 1]) and c.i - d.i <= 6:
                rng = tokens_range(bd, subtree_run(d, v))
                if rng:
                    return rng
    return None


def _addressee_infinitive(bd: "BlockDoc", v: "Token") -> Range | None:
    """4. An addressee and an infinitive: "urged X to ...", "called on X to ..."."""
    kids = list(v.children)
    x = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i > v.i), None)
    addressee = next((c for c in kids if c.dep_ in ("dobj", "dative") and c.i > v.i), None)
    if addressee is None:
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in lex("directive_preps") and c.i > v.i:
                addressee = next((p for p in c.children if p.dep_ == "pobj"), None)
                if addressee is not None:
                    if x is None:
                        x = next((g for g in addressee.children if g.dep_ in ("acl", "relcl")), None)
                    break
    if x is not None and addressee is not None and addressee.i < x.i:
        return tokens_range(bd, subtree_run(x, v, start_at=addressee))
    return None


def _promise(bd: "BlockDoc", v: "Token") -> Range | None:
    """5. Promises and threats: "vowed to fight on"."""
    x = next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i), None)
    if x is not None:
        return tokens_range(bd, subtree_run(x, v))
    return None


def _accusation(bd: "BlockDoc", v: "Token", preps: Sequence[str]) -> Range | None:
    """6. Accusations: "accused X of ...", "blamed X for ..."."""
    kids = list(v.children)
    obj_kids = [g for d in kids if d.dep_ == "dobj" for g in d.children]
    for p in kids + obj_kids:
        if p.dep_ == "prep" and p.lower_ in preps and p.i > v.i and \
                any(c.dep_ in ("pcomp", "pobj") for c in p.children):
            obj = next((c for c in kids if c.dep_ == "dobj" and c.i < p.i), None)
            first = obj.left_edge.i if obj is not None else p.i
            # "blamed X for the unrest throughout the year": the verb's own modifiers after it, to a comma
            run = _and_after(v, list(v.doc[first:p.right_edge.i + 1]), ("prep", "npadvmod", "advmod"))
            rng = tokens_range(bd, run)
            if rng:
                return rng
    return None


def _characterisation(bd: "BlockDoc", v: "Token", spans: Sequence[QuoteSpan]) -> Range | None:
    """7. Characterisations holding a quote: "called the deal "null and void""."""
    right = [c for c in v.children if c.i > v.i and c.dep_ in ("dobj", "oprd", "xcomp", "acomp", "attr", "ccomp",
                                                                "prep", "advcl", "conj")]
    right = [c for c in right if c.dep_ != "conj" or not is_cue(c)]
    if not right:
        return None
    first = min(c.left_edge.i for c in right)
    last = max(c.right_edge.i for c in right)
    run = []
    for t in v.doc[first:last + 1]:
        if t.text in (":", ";"):
            break  # "rejected the plan: "..."" quotes after a colon, it does not characterise
        run.append(t)
    rng = tokens_range(bd, run)
    if rng and any(rng[0] < s.close and s.open < rng[1] for s in spans):
        return rng
    return None


def _document_clause(bd: "BlockDoc", v: "Token") -> Range | None:
    """8. A document and what it says: "issued a statement that …", "released a statement saying …"."""
    for d in v.children:
        if d.dep_ != "dobj" or d.i < v.i or (d.lemma_.lower() not in lex("document_nouns")
                                             and d.lower_ not in lex("document_nouns")):
            continue
        for c in d.children:
            if c.i < d.i or c.dep_ not in ("acl", "ccomp", "relcl"):
                continue
            if c.tag_ == "VBG" and is_cue(c):
                # "a statement saying the talks had failed": what the participle reports
                rng = _complement(bd, c, True)
                if rng:
                    return rng
            elif any(t.lower_ == "that" and t.dep_ == "mark" for t in c.children):
                # "a statement that an inmate had been stabbed" (not "a statement that it released")
                rng = tokens_range(bd, subtree_run(c, v))
                if rng:
                    return rng
    return None


def _gerund_or_claim(bd: "BlockDoc", v: "Token") -> Range | None:
    """9. A statement as a gerund or a claimed infinitive: "recalled receiving …", "denied taking …",
    "claimed to have no memory of …"."""
    for c in v.children:
        if c.dep_ != "xcomp" or c.i < v.i or c.pos_ != "VERB" or any(g.dep_ in ("nsubj", "nsubjpass")
                                                                       for g in c.children):
            continue
        if any(g.dep_ in ("auxpass", "nsubjpass") for g in v.children):
            continue  # "he was reported missing": the passive's subject said nothing
        if any(d.dep_ in ("dobj", "dative") and v.i < d.i < c.i for d in v.children):
            continue  # "asked him to", "told them about meeting": an addressee, not the statement
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        if c.tag_ == "VBG" or (infinitive and lemma(v) in lex("claim_verbs")):
            rng = tokens_range(bd, subtree_run(c, v))
            if rng:
                return rng
    return None


def _abstract_object(bd: "BlockDoc", v: "Token") -> Range | None:
    """6. A statement named by its object: "announced a complete withdrawal", "denied the allegations".

    The object must be an abstract noun (WordNet: an act, event, state, communication ...), not a
    person, a body or a thing, so that "told reporters" and "thanked the police" report nothing.
    """
    for d in v.children:
        if d.dep_ != "dobj" or d.i < v.i or d.pos_ != "NOUN" or d.ent_type_:
            continue
        if d.lemma_.lower() not in abstract_nouns() and d.lower_ not in abstract_nouns():
            continue
        if d.lemma_.lower() in lex("document_nouns") or any(c.dep_ == "neg" or c.lower_ in ("no", "any")
                                                              for c in list(v.children) + list(d.children)):
            continue  # "posted a message": the vehicle, not what it says; "did not mention any symptoms"
        return tokens_range(bd, _object_and_after(v, d))
    return None


def _object_and_after(v: "Token", d: "Token") -> list["Token"]:
    """The object and what follows it in the verb's clause, up to a comma or a semicolon:
    "promised protests every week until the council resigned", "reported the storm the worst since …"."""
    return _and_after(v, subtree_run(d, v), ("npadvmod", "advcl", "prep", "oprd", "dobj", "advmod", "ccomp",
                                             "xcomp"))


def _and_after(v: "Token", run: list["Token"], deps: Sequence[str]) -> list["Token"]:
    """``run`` and the words after it that belong to the verb's own ``deps`` children, up to a comma,
    a semicolon, a colon or "according to"."""
    doc = v.doc
    if not run:
        return run
    run = list(run)
    allowed = {c.i for c in v.children if c.i > run[-1].i and c.dep_ in deps}
    i = run[-1].i + 1
    while i <= v.right_edge.i and i < len(doc):
        t = doc[i]
        owner = next((c for c in allowed if doc[c].left_edge.i <= i <= doc[c].right_edge.i), None)
        if owner is None or t.text in (",", ";", ":") or (t.lower_ == "according" and t.dep_ == "prep"):
            break
        run.append(t)
        i += 1
    return run


def _passive_statement(bd: "BlockDoc", v: "Token") -> Range | None:
    """10. A statement as a passive's subject: "His death was confirmed by his son"."""
    if not any(c.dep_ == "agent" for c in v.children):
        return None
    for c in v.children:
        if c.dep_ == "nsubjpass" and c.i < v.i and c.pos_ == "NOUN" and not c.ent_type_ \
                and (c.lemma_.lower() in abstract_nouns() or c.lower_ in abstract_nouns()):
            return tokens_range(bd, list(c.subtree))
    return None


def _as_characterisation(bd: "BlockDoc", v: "Token") -> Range | None:
    """11. "hailed the plan as an advance", "described the talks as useful": the object and
    what it is called."""
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
    as_ = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "as" and obj is not None and c.i > obj.i),
               None)
    if obj is None or as_ is None or not any(g.dep_ in ("pobj", "pcomp", "amod", "acomp") for g in as_.children):
        return None
    return tokens_range(bd, list(v.doc[obj.left_edge.i:as_.right_edge.i + 1]))


def content(bd: "BlockDoc", v: "Token", spans: Sequence[QuoteSpan]) -> Range | None:
    """The stretch cue verb ``v`` reports (article offsets), or None when it has none of its own."""
    lem = lemma(v)
    speech = lem in lex("speech_verbs") or (lem in lexd("speech_particles") and is_cue(v))
    rng = None
    if speech or lem in lex("directive_verbs"):
        rng = _complement(bd, v, speech)
    wh_clause = any(c.dep_ == "ccomp" and (c.left_edge.tag_ in ("WP", "WRB", "WDT") or c.left_edge.lower_ == "whether")
                    for c in v.children)
    if rng is None and lem in lex("thought_verbs") and not wh_clause and not any(is_cue(a) for a in v.ancestors):
        # "Police believe the man fled": a stated belief, with a clause of its own
        # (not "decide who holds it", and not a belief inside another's statement: "said she believed …")
        rng = _complement(bd, v, False)
    if rng is None and speech:
        rng = _reported_head(bd, v)
    if rng is None and lem in lex("content_object_verbs"):
        rng = _content_noun(bd, v)
    if rng is None and lem in lex("directive_verbs"):
        rng = _addressee_infinitive(bd, v)
    if rng is None and lem in lex("promise_verbs"):
        rng = _promise(bd, v)
    preps = lexd("accusation_verbs").get(lem)
    if rng is None and preps:
        rng = _accusation(bd, v, preps)
    if rng is None and lem in lex("characterise_verbs"):
        rng = _characterisation(bd, v, spans)
    if rng is None and lem in lex("characterise_verbs") and lem != "call":
        rng = _as_characterisation(bd, v)
    if rng is None and (speech or lem in lex("characterise_verbs")):
        rng = _gerund_or_claim(bd, v)
    if rng is None:
        rng = _document_clause(bd, v)
    if rng is None and speech:
        rng = _abstract_object(bd, v)
    if rng is None and speech:
        rng = _passive_statement(bd, v)
    return rng
