"""Common English words, from the part-of-speech lexicon TextBlob ships (``en-lexicon.txt``, MIT licence).

Used as evidence against a person: "Western Native Voice" or "Crow Tribe" is
made of everyday words, while "Oprah Winfrey" and "Yingluck Shinawatra" are not
words at all; "Sioux Tribes" ends in a plural noun, as no person's name does. A
word counts as common when its lower-case form is in the lexicon with a tag
other than a proper noun's. Read once (about 0.1 s).
"""
from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """Lower-case word -> its tags, as the lexicon lists them."""
    import textblob

    path = os.path.join(os.path.dirname(textblob.__file__), "en", "en-lexicon.txt")
    out: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, tags = line.partition(" ")
            if word.islower() and tags.split():
                out[word] = tuple(tags.split())
    return out


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case words the lexicon tags as something other than a proper noun."""
    return frozenset(w for w, tags in _lexicon().items() if not tags[0].startswith("NNP"))


@functools.lru_cache(maxsize=1)
def plural_nouns() -> frozenset[str]:
    """Lower-case words the lexicon tags only as plural common nouns ("tribes", "units"; not "jones")."""
    return frozenset(w for w, tags in _lexicon().items() if all(t == "NNS" for t in tags))


@functools.lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """Lower-case words the lexicon tags only as singular common nouns ("hurricane", "operation")."""
    return frozenset(w for w, tags in _lexicon().items() if all(t == "NN" for t in tags))


def is_common_word(word: str) -> bool:
    """ "voice", "tribe", "western": an everyday English word (not a name)."""
    return bool(word) and word.lower() in common_words()


def all_common(words) -> bool:
    """Every word of a name (hyphenated parts too) is an everyday word: "Witch Hunt", "Crow Tribe"."""
    parts = [p for w in words for p in w.replace("’", "'").split("-") if p]
    return bool(parts) and all(is_common_word(p) for p in parts)
