"""The store: round trip, de-duplication, rollback, overrides, problems, re-dating, migrations, concurrency."""
from __future__ import annotations

import ast
import dataclasses
import sqlite3
import threading

import pandas as pd
import pytest

from analysis.reading import parse_text
from analysis.pipeline import analyze_article
from analysis.records import Problem
from analysis.timeline import reresolve_events
from corpus import ingest_articles, redate, store_analysis
from store import SCHEMA_VERSION, Filters, Linker, Store
from tests.conftest import ROOT

TEXT_A = ("Harbour council delays vote\n\nMayor Jane Doe of Lisbon said on Monday the vote would wait. "
          "\"We need more time,\" Doe said.\n\nThe council of Portugal met in Lisbon.")
TEXT_B = ("Second report on the harbour\n\nJane Doe told reporters on Tuesday that the harbour plan was sound. "
          "Critics in Portugal disagreed.")


@pytest.fixture(scope="module")
def analyses(nlp):
    a = analyze_article(parse_text(TEXT_A, published="2024-05-08"), nlp)
    b = analyze_article(parse_text(TEXT_B, published="2024-05-09"), nlp)
    return a, b


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "s.sqlite3")
    yield s
    s.close()


def break_quotes(monkeypatch) -> None:
    """Make the quote step raise, wherever the pipeline looks it up."""
    import analysis.pipeline
    import analysis.quotes

    def boom(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(analysis.quotes, "extract_quotes", boom)
    if hasattr(analysis.pipeline, "extract_quotes"):
        monkeypatch.setattr(analysis.pipeline, "extract_quotes", boom)


def test_the_store_never_imports_analysis():
    for p in (ROOT / "store").rglob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        mods = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        mods |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m.split(".")[0] for m in mods} & {"analysis", "corpus", "streamlit"}, p


def test_schema_version_and_data_dir_env(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(tmp_path / "moved"))
    s = Store.open_default()
    assert s.path == tmp_path / "moved" / "newslens.sqlite3" and s.path.exists()
    assert s.schema_version() == SCHEMA_VERSION == 5


def test_a_newer_store_is_refused(tmp_path):
    from store import StoreError

    path = tmp_path / "new.sqlite3"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def _drop_nation_basis(con) -> None:
    for table in ("article_actors", "actors"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN nation_basis")
        con.execute(f"ALTER TABLE {table} DROP COLUMN nation_reason")


def test_a_version_3_store_learns_where_its_nations_came_from(tmp_path, analyses):
    path = tmp_path / "v3.sqlite3"
    s = Store(path)
    store_analysis(s, analyses[0])
    before = s.actors_df()[["id", "nation"]]
    s.close()
    con = sqlite3.connect(path)
    _drop_nation_basis(con)
    con.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    con.commit()
    con.close()
    s = Store(path)
    try:
        assert s.schema_version() == SCHEMA_VERSION
        after = s.actors_df()
        assert after[["id", "nation"]].equals(before)  # nothing stored is lost
        with_nation = after[after["nation"].notna()]
        assert len(with_nation) > 0 and set(with_nation["nation_basis"]) == {"stated"}
        assert after[after["nation"].isna()]["nation_basis"].isna().all()
    finally:
        s.close()


def test_a_version_1_store_is_upgraded_in_place(tmp_path, analyses):
    path = tmp_path / "old.sqlite3"
    s = Store(path)
    store_analysis(s, analyses[0])
    s.close()
    con = sqlite3.connect(path)  # make it look like a store written by schema v1
    con.execute("ALTER TABLE quotes DROP COLUMN polarity")
    con.execute("DROP TABLE problems")
    _drop_nation_basis(con)
    con.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    con.commit()
    con.close()
    s = Store(path)
    try:
        assert s.schema_version() == SCHEMA_VERSION
        q = s.quotes_df()
        assert len(q) == len(analyses[0].quotes) and "polarity" in q.columns
        assert q["polarity"].isna().all()  # old rows keep NULL; nothing stored is lost
        assert s.problems_df().empty
        store_analysis(s, analyses[1])
        assert s.quotes_df()["polarity"].notna().any()
    finally:
        s.close()


def test_a_version_2_store_is_upgraded_and_its_splits_keep_their_ids(tmp_path, analyses):
    path = tmp_path / "v2.sqlite3"
    s = Store(path)
    store_analysis(s, analyses[0])
    s.add_override("split", "GPE:PT", value="Lisbon")
    new_id = s.overrides_df().iloc[0]["target_id"]
    s.close()
    # a v2 store: no problems table, and the split's id (made from the alias) not kept in its override
    legacy = "GPE:PT~lisbon"
    con = sqlite3.connect(path)
    con.execute("UPDATE actors SET id=? WHERE id=?", (legacy, new_id))
    con.execute("UPDATE article_actors SET raw_actor_id=?, actor_id=? WHERE raw_actor_id=?", (legacy, legacy, new_id))
    con.execute("UPDATE mentions SET actor_id=? WHERE actor_id=?", (legacy, new_id))
    con.execute("UPDATE overrides SET target_id=NULL")
    con.execute("DROP TABLE problems")
    _drop_nation_basis(con)
    con.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    con.commit()
    con.close()
    s = Store(path)
    try:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.overrides_df().iloc[0]["target_id"] == legacy
        actors = s.actors_df().set_index("id")
        assert actors.loc[legacy, "name"] == "Lisbon" and actors.loc[legacy, "mentions"] == 1
        assert s.problems_df().empty
        s.undo_override(int(s.overrides_df().iloc[0]["id"]))
        assert legacy not in set(s.actors_df()["id"])
    finally:
        s.close()


def test_a_split_gets_an_id_of_its_own_without_a_slug(store, analyses):
    a, _ = analyses
    store_analysis(store, a)
    oid = store.add_override("split", "GPE:PT", value="Lisbon")
    split_id = f"GPE:PT~{oid}"
    assert store.overrides_df().iloc[0]["target_id"] == split_id
    mentions = store.mentions_df(a.article.id)
    assert set(mentions[mentions["text"] == "Lisbon"]["actor_id"]) >= {split_id}
    assert store.actors_df().set_index("id").loc[split_id, "name"] == "Lisbon"
    with pytest.raises(ValueError):
        store.add_override("split", "GPE:PT", value="Lisbon", target_id="GPE:lisbon")


def test_round_trip(store, analyses):
    a, _ = analyses
    out = store_analysis(store, a)
    assert out.added
    art = store.article(out.article_id)
    assert art["text"] == a.article.text and art["published"] == "2024-05-08"
    blocks = store.blocks_df(out.article_id)
    assert list(blocks["kind"]) == [b.kind for b in a.article.blocks]
    mentions = store.mentions_df(out.article_id)
    assert len(mentions) == len(a.mentions)
    for m in mentions.itertuples():
        assert a.article.text[m.start:m.end] == m.text
    q = store.quotes_df()
    assert len(q) == len(a.quotes)
    for r in q.itertuples():
        assert a.article.text[r.start:r.end] == r.text


def test_duplicates_are_reported_not_stored(store, analyses):
    a, _ = analyses
    first = store_analysis(store, a)
    again = store_analysis(store, a)
    assert not again.added and again.duplicate_of == first.article_id
    assert store.article_count() == 1


def test_failure_mid_write_leaves_nothing(store, analyses, monkeypatch):
    import store.writer as writer

    a, b = analyses
    store_analysis(store, b)
    before = (store.article_count(), len(store.actors_df()), store.data_version())
    real = writer._insert_records

    def insert_then_fail(*args, **kwargs):
        real(*args, **kwargs)  # the article and all its records are written, then the write fails
        raise RuntimeError("injected failure")

    monkeypatch.setattr(writer, "_insert_records", insert_then_fail)
    with pytest.raises(RuntimeError, match="injected failure"):
        store_analysis(store, a)
    monkeypatch.undo()
    assert (store.article_count(), len(store.actors_df()), store.data_version()) == before
    assert store.mentions_df(a.article.id).empty
    assert store_analysis(store, a).added  # and it can be stored afterwards


def test_the_linker_is_the_callers(store, analyses):
    a, b = analyses
    calls = []

    def keys(name, type_):
        calls.append(name)
        return {f"T:{type_}"}  # every actor of a type shares a key: each is a candidate for the others

    def match(known, actor):
        return next((k[0] for k in known if k[0] != actor.id), None)

    linker = Linker(keys=keys, match=match)
    store.add_analysis(a, linker=linker)
    # the second article's actors under ids the corpus does not know yet: the linker decides
    renamed = dataclasses.replace(b, actors=[dataclasses.replace(x, id=x.id + "-new") for x in b.actors])
    out = store.add_analysis(renamed, linker=linker)
    assert {"Jane Doe", "Portugal"} <= set(calls)
    assert ("Jane Doe", "Jane Doe") in out.links and "merged Jane Doe → Jane Doe" in out.message
    links = store.actor_links_df()
    assert set(links["from_id"]) >= {"PERSON:jane-doe-new"} and set(links["to_id"]) >= {"PERSON:jane-doe"}


def test_problems_are_stored_and_deleted_with_the_article(store, analyses):
    a, _ = analyses
    broken = dataclasses.replace(a, problems=[Problem("quotes", "RuntimeError: boom"),
                                              Problem("events", "ValueError: bad")])
    out = store_analysis(store, broken)
    p = store.problems_df(out.article_id)
    assert list(zip(p["step"], p["message"])) == [("quotes", "RuntimeError: boom"), ("events", "ValueError: bad")]
    assert len(store.problems_df()) == 2 and store.problems_df("nope").empty
    store.delete_article(out.article_id)
    assert store.problems_df().empty and store.article_count() == 0


def test_a_failing_step_shows_in_the_result_and_the_store(store, monkeypatch, nlp):
    break_quotes(monkeypatch)
    art = parse_text(TEXT_A, published="2024-05-08")
    (r,) = ingest_articles(store, [art], names=["a.txt"])
    assert r.status == "stored"
    assert [(p.step, p.message) for p in r.problems] == [("quotes", "RuntimeError: injected failure")]
    assert r.message == "stored, with 1 problem(s): quotes: RuntimeError: injected failure"
    p = store.problems_df(r.article_id)
    assert list(zip(p["step"], p["message"])) == [("quotes", "RuntimeError: injected failure")]
    assert store.quotes_df().empty and not store.actors_df().empty  # the other steps' records are kept


def test_an_article_that_fails_to_store_is_reported_and_the_batch_goes_on(store, monkeypatch, nlp, caplog):
    real = Store.add_analysis

    def fail_on_harbour(self, result, *, linker):
        if result.article.title and "Second" in result.article.title:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, result, linker=linker)

    monkeypatch.setattr(Store, "add_analysis", fail_on_harbour)
    caplog.set_level("INFO", logger="newslens.corpus")  # logged at info: the result (and the CLI's one stderr line) says it
    arts = [parse_text(TEXT_B, published="2024-05-09"), parse_text(TEXT_A, published="2024-05-08")]
    results = ingest_articles(store, arts, names=["b.txt", "a.txt"])
    assert [r.status for r in results] == ["error", "stored"]
    assert results[0].message == "not stored: OperationalError: disk I/O error"
    assert "b.txt: not stored: OperationalError: disk I/O error" in caplog.text
    assert store.article_count() == 1


def test_redating_resolves_the_events_again(store, analyses):
    a, _ = analyses
    out = store_analysis(store, a)
    assert set(store.events_df(article_id=out.article_id)["value"]) == {"2024-05-06"}  # "on Monday"
    n = redate(store, out.article_id, "2024-06-13")
    expected = [e.value for e in reresolve_events(a.events, "2024-06-13")]
    assert n == len(a.events) == 1
    assert list(store.events_df(article_id=out.article_id)["value"]) == expected == ["2024-06-10"]
    assert store.article(out.article_id)["published"] == "2024-06-13"


def test_filters_and_search(store, analyses):
    for r in analyses:
        store_analysis(store, r)
    assert len(store.articles_df()) == 2
    assert len(store.articles_df(Filters(date_from="2024-05-09"))) == 1
    hits = store.search("harbour")
    assert not hits.empty and set(hits["kind"]) <= {"article", "quote"}
    assert "\u0001" in hits.iloc[0]["snippet"]
    assert store.search("   ").empty


def test_overrides_apply_and_undo(store, analyses):
    for r in analyses:
        store_analysis(store, r)
    actors = store.actors_df()
    first, second = actors.iloc[0]["id"], actors.iloc[1]["id"]
    n_before = len(actors)
    oid = store.add_override("merge", second, target_id=first)
    merged = store.actors_df()
    assert len(merged) == n_before - 1
    assert merged.set_index("id").loc[first, "mentions"] == actors.iloc[0]["mentions"] + actors.iloc[1]["mentions"]
    store.undo_override(oid)
    assert len(store.actors_df()) == n_before
    oid = store.add_override("set", first, field_name="nation", value="NZ")
    assert store.actors_df().set_index("id").loc[first, "nation"] == "NZ"
    assert "NZ" in set(store.actors_df(Filters(nations=["NZ"]))["nation"])
    store.undo_override(oid)
    assert store.actors_df().set_index("id").loc[first, "nation"] != "NZ"
    with pytest.raises(ValueError):
        store.add_override("set", first, field_name="evil; DROP TABLE x", value="1")


def test_override_applies_to_future_articles(store, analyses):
    a, b = analyses
    store_analysis(store, a)
    actors = store.actors_df()
    person = actors[actors["type"] == "PERSON"].iloc[0]["id"]
    store.add_override("set", person, field_name="role", value="Mayor of the harbour")
    store_analysis(store, b)
    assert store.actors_df().set_index("id").loc[person, "role"] == "Mayor of the harbour"


def test_concurrent_writers_both_succeed(tmp_path, analyses):
    path = tmp_path / "c.sqlite3"
    stores = [Store(path), Store(path)]
    errors = []

    def add(s, r):
        try:
            store_analysis(s, r)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(s, r)) for s, r in zip(stores, analyses)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Store(path).article_count() == 2


# ------------------------------------------------------------------ nations and their basis
UK_STORY = ("Budget row\n\nLONDON (Reuters) - Chancellor Gordon Brown said on Monday that the budget was fair. "
            "British Foreign Secretary Jack Straw agreed.")


def test_the_toggle_leaves_out_inferred_nations_everywhere(store, nlp):
    store_analysis(store, analyze_article(parse_text(UK_STORY, published="2005-03-07"), nlp))
    with_inferred = store.actors_df(Filters(nations=("GB",))).set_index("name")
    assert with_inferred.loc["Gordon Brown", "nation_basis"] == "inferred"
    assert with_inferred.loc["Jack Straw", "nation_basis"] == "stated"
    stated_only = store.actors_df(Filters(nations=("GB",), inferred_nations=False))
    assert "Gordon Brown" not in set(stated_only["name"]) and "Jack Straw" in set(stated_only["name"])
    assert not Filters(inferred_nations=False).is_empty()


def test_a_later_stated_nation_replaces_an_inferred_one_and_analysts_stay_strongest(store, nlp):
    store_analysis(store, analyze_article(parse_text(UK_STORY, published="2005-03-07"), nlp))
    brown = store.actors_df().set_index("name").loc["Gordon Brown"]
    assert (brown["nation"], brown["nation_basis"]) == ("GB", "inferred")
    store_analysis(store, analyze_article(parse_text(
        "Brown named\n\nBritish Chancellor Gordon Brown spoke in Paris on Tuesday.", published="2005-03-08"), nlp))
    brown = store.actors_df().set_index("name").loc["Gordon Brown"]
    assert (brown["nation"], brown["nation_basis"]) == ("GB", "stated")
    store.add_override("set", "PERSON:gordon-brown", field_name="nation", value="IE")
    brown = store.actors_df().set_index("name").loc["Gordon Brown"]
    assert (brown["nation"], brown["nation_basis"], brown["nation_reason"]) == ("IE", "analyst", "set by an analyst")


def test_articles_that_state_different_nations_show_as_a_conflict(store, nlp):
    for text, day in (("Minister named\n\nFrench minister Ann Dupont resigned on Monday.", "2009-06-01"),
                      ("Minister moves\n\nBelgian minister Ann Dupont arrived on Tuesday.", "2009-06-02")):
        store_analysis(store, analyze_article(parse_text(text, published=day), nlp))
    c = store.nation_conflicts_df()
    assert sorted(zip(c["name"], c["nation"], c["evidence"])) == [
        ("Ann Dupont", "BE", "Belgian minister Ann Dupont"), ("Ann Dupont", "FR", "French minister Ann Dupont")]
    assert set(c["corpus_nation"]) == {"FR"}  # the first stated nation stays; the other is shown, not hidden


def test_speaker_nations_follow_the_toggle_too(store, nlp):
    store_analysis(store, analyze_article(parse_text(
        "Budget row\n\nLONDON (Reuters) - Chancellor Gordon Brown said on Monday that the budget was fair.",
        published="2005-03-07"), nlp))
    q = store.quotes_df().set_index("speaker")
    assert q.loc["Gordon Brown", "speaker_nation"] == "GB"
    q = store.quotes_df(Filters(inferred_nations=False)).set_index("speaker")
    assert pd.isna(q.loc["Gordon Brown", "speaker_nation"])  # the inferred GB is left out
    assert store.quotes_df(Filters(nations=("GB",), inferred_nations=False)).empty


def test_a_spokespersons_quotes_count_under_the_one_they_speak_for(store):
    a = analyze_article(parse_text("Blair stays\n\nTony Blair has defended his record. Mr Blair's official "
                                   "spokesman said the prime minister would not resign.", published="2005-01-10"),
                        sentiment=False)
    q = a.quotes[0]
    assert (q.speaker_id, q.speaker_kind, q.speaks_for) == ("PERSON:tony-blair", "spokesperson", "Tony Blair")
    store_analysis(store, a)
    df = store.quotes_df(Filters(speakers=("PERSON:tony-blair",)))
    assert list(df["speaker"]) == ["Tony Blair"] and list(df["speaker_kind"]) == ["spokesperson"]


def _typed(an, name: str, label: str):
    """The analysis with ``name`` typed ``label``, as the small model might type it in one article."""
    from analysis.actors import slugify

    new_id = f"{label}:{slugify(name)}"
    actors = [dataclasses.replace(a, id=new_id, type=label) if a.name == name else a for a in an.actors]
    mentions = [dataclasses.replace(m, actor_id=new_id, label=label) if m.text == name else m for m in an.mentions]
    return dataclasses.replace(an, actors=actors, mentions=mentions)


BANK_TEXTS = ("Bank\n\nShares in Dresdner Kleinwort rose on Monday.",
              "Deal\n\nThe deal was advised by Dresdner Kleinwort on Friday.",
              "Staff\n\nStaff at Dresdner Kleinwort were told on Monday.")


def test_the_store_remembers_a_type_a_name_with_no_person_evidence_is_an_organisation(store, nlp):
    found = [analyze_article(parse_text(t, published="2005-02-0" + str(i + 1)), nlp, sentiment=False)
             for i, t in enumerate(BANK_TEXTS)]
    for an in found[:2]:
        store_analysis(store, _typed(an, "Dresdner Kleinwort", "ORG"))
    assert store.name_type_counts(["dresdner kleinwort"]) == {"dresdner kleinwort": (2, 0)}
    store_analysis(store, _typed(found[2], "Dresdner Kleinwort", "PERSON"))  # a later upload, one at a time
    rows = store.actors_df().set_index("name")
    assert rows.loc["Dresdner Kleinwort", "type"] == "ORG"
    assert "PERSON:dresdner-kleinwort" not in set(store.actor_options_df()["id"])
    assert store.name_type_counts(["Dresdner Kleinwort"]) == {"Dresdner Kleinwort": (3, 0)}


def test_an_analysts_retyping_counts_for_every_article_of_that_actor(store, nlp):
    found = [analyze_article(parse_text(t, published="2005-02-0" + str(i + 1)), nlp, sentiment=False)
             for i, t in enumerate(BANK_TEXTS)]
    for an in found[:2]:
        store_analysis(store, _typed(an, "Dresdner Kleinwort", "ORG"))
    store.add_override("set", "ORG:dresdner-kleinwort", field_name="type", value="PERSON")
    assert store.name_type_counts(["Dresdner Kleinwort"]) == {"Dresdner Kleinwort": (0, 2)}
    store_analysis(store, _typed(found[2], "Dresdner Kleinwort", "PERSON"))
    assert "PERSON:dresdner-kleinwort" in set(store.actor_options_df()["id"])  # the analyst is strongest


def test_a_selected_speaker_keeps_the_portrayal_of_the_articles_where_they_speak(store, nlp):
    quoted = analyze_article(parse_text(
        "Harbour plan\n\nMayor Jane Doe said the harbour plan was sound. The council praised Jane Doe "
        "for her patience.", published="2024-05-08"), nlp)
    other = analyze_article(parse_text(
        "Port strike\n\nDock workers in Porto walked out on Monday. Union leader Rui Costa was blamed by the "
        "port authority for the chaos.", published="2024-05-09"), nlp)
    for a in (quoted, other):
        store_analysis(store, a)
    speaker = next(q.speaker_id for q in quoted.quotes if q.speaker_id)
    everyone = store.portrayal_df(None)
    theirs = store.portrayal_df(Filters(speakers=(speaker,)))
    assert "Rui Costa" in set(everyone["name"])  # scored in the article where Doe does not speak
    assert "Rui Costa" not in set(theirs["name"]) and not theirs.empty
    over = store.portrayal_over_time_df(Filters(speakers=(speaker,)))
    assert set(over["published"]) == {"2024-05-08"}
