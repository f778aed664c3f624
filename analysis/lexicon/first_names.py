"""Given names of many languages, from Faker's person providers (MIT licence), folded to ASCII.

Used as person evidence: "Martin Broughton" is a person's name because Martin is
a given name; "Dresdner Kleinwort Wasserstein" and "Lib Dem" hold none. Names in
other scripts are transliterated (anyascii), so "Владимир" is "vladimir". The
list is read from the installed package once (a third of a second).
"""
from __future__ import annotations

import functools
import importlib
import pkgutil

from anyascii import anyascii

_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Every given name Faker's person providers hold, lower-case ASCII."""
    import faker.providers.person as person

    names: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{info.name}"), "Provider", None)
        for attr in _ATTRS:
            values = vars(provider).get(attr) if provider is not None else None
            if isinstance(values, (list, tuple, dict, set, frozenset)):  # some locales compute theirs
                names.update(anyascii(str(v)).lower().strip() for v in values)
    names.discard("")
    return frozenset(names)


def is_first_name(word: str) -> bool:
    """ "Martin", "Łukasz", "Ed": a given name in some language."""
    return anyascii(word or "").lower().strip(".") in first_names()
