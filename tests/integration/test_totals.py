"""The aggregates kept at write time (``store.totals``) always equal what grouping the stored rows gives.

Checked after bulk and one-by-one writes, a deletion, a merge, its undoing, a split, a re-dating and
an upgrade from a store that had none, on copies of the demo's saved analysis (no spaCy needed).
"""
from __future__ import annotations

import copy
import json
import sqlite3

import pytest

from analysis.records import analysis_from_dict
from corpus import store_analyses, store_analysis
from store import Filters, Store
from store import queries as Q
from tests.conftest import ROOT

DEMO = ROOT / "data" / "articles" / "000_d54cff22283c4915.analysis.json"


def copies(n: int, start: int = 0):
    base = analysis_from_dict(json.loads(DEMO.read_text(encoding="utf-8")))
    out = []
    for k in range(start, start + n):
        r = copy.deepcopy(base)
        r.article.text += "\u200b" * (k + 1)
        r.article.id = f"demo-{k}"
        r.article.published = f"2025-0{1 + k % 9}-1{k % 10}"
        out.append(r)
    return out


def grouped(store: Store, f: Filters | None = None):
    """actors_df's numbers the slow way: grouping every selected row."""
    sql, params = Q._selected_actors_sql(f, None)
    df = store._db.df(sql + " ORDER BY mentions DESC, ea.name", params)
    df["aliases"] = df["aliases"].map(Q._merge_alias_lists)
    return df


COLS = ["id", "name", "mentions", "articles", "n_neg", "n_neu", "n_pos", "nation"]


def assert_totals_hold(store: Store) -> None:
    for f in (None, Filters(nations=["US"]), Filters(nations=["US"], inferred_nations=False)):
        fast, slow = store.actors_df(f), grouped(store, f)
        assert fast[COLS].reset_index(drop=True).equals(slow[COLS].reset_index(drop=True)), f
        assert (fast["portrayal"].fillna(9) - slow["portrayal"].fillna(9)).abs().max() < 1e-9
        assert [sorted(a) for a in fast["aliases"]] == [sorted(a) for a in slow["aliases"]]
        assert store.actors_count(f) == len(slow)
    con = store._db.conn()
    want = con.execute(
        "SELECT art.id, (SELECT COUNT(*) FROM mentions m WHERE m.article_id=art.id), "
        "(SELECT COUNT(DISTINCT aa.actor_id) FROM article_actors aa WHERE aa.article_id=art.id), "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id=art.id), "
        "(SELECT COUNT(*) FROM events e WHERE e.article_id=art.id AND e.value IS NOT NULL) "
        "FROM articles art ORDER BY art.id").fetchall()
    got = store.articles_df(None).sort_values("id")
    assert [tuple(r) for r in got[["id", "entities", "actors", "quotes", "events"]].itertuples(index=False)] == want
    assert store.quotes_count() == len(store.quotes_df(None))
    assert store.events_count() == len(store.events_df(None))
    speakers = store.speaker_options_df()
    q = store.quotes_df(None)
    assert dict(zip(speakers["id"], speakers["quotes"])) == q.dropna(subset=["speaker_id"]).groupby(
        "speaker_id").size().loc[lambda s: s.index.isin(speakers["id"])].to_dict()


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "s.sqlite3")
    yield s
    s.close()


def test_totals_follow_writes_deletions_and_corrections(store):
    store_analyses(store, copies(5))
    for r in copies(2, start=5):
        store_analysis(store, r)
    assert_totals_hold(store)
    top = store.actors_df(None)
    assert top.iloc[0]["articles"] == 7  # the demo's busiest actor, in every copy

    store.delete_article("demo-3")
    assert_totals_hold(store)
    assert store.actors_df(None).iloc[0]["articles"] == 6

    people = top[top["type"] == "PERSON"]["id"].tolist()
    a, b = people[0], people[1]
    oid = store.add_override("merge", a, target_id=b)
    assert_totals_hold(store)
    assert a not in set(store.actors_df(None)["id"])
    store.undo_override(oid)
    assert_totals_hold(store)
    assert a in set(store.actors_df(None)["id"])

    multi = top[top["aliases"].map(len) > 1]
    if not multi.empty:
        store.add_override("split", multi.iloc[0]["id"], value=multi.iloc[0]["aliases"][-1])
        assert_totals_hold(store)
    store.add_override("set", b, field_name="nation", value="FR")
    assert_totals_hold(store)
    assert "FR" in set(store.nation_options_df()["nation"])


def test_a_page_of_actors_is_the_same_as_the_head_of_the_list(store):
    store_analyses(store, copies(3))
    every = store.actors_df(None)
    page = store.actors_df(None, limit=5, offset=5)
    assert list(page["id"]) == list(every["id"][5:10])
    picked = store.actors_df(None, ids=list(every["id"][-2:]))
    assert set(picked["id"]) == set(every["id"][-2:])
    f = Filters(date_from="2025-01-01", date_to="2025-02-28")
    assert store.actors_count(f) == len(store.actors_df(f)) > 0
    opts = store.actor_options_df(limit=3, include=[every["id"].iloc[-1]])
    assert list(opts["id"]) == list(every["id"][:3]) + [every["id"].iloc[-1]]
    n, words = store.article_summary()
    assert n == 3 and words == int(store.articles_df(None)["words"].sum())


def test_an_older_store_gets_its_totals_when_opened(tmp_path):
    path = tmp_path / "old.sqlite3"
    s = Store(path)
    store_analyses(s, copies(4))
    s.close()
    con = sqlite3.connect(path)  # back to version 4: no aggregates
    con.executescript("DROP TABLE actor_totals; DROP TABLE actor_aliases; DROP TABLE article_counts; "
                      "UPDATE meta SET value='4' WHERE key='schema_version';")
    con.commit()
    con.close()
    s = Store(path)
    assert s.schema_version() == 5
    assert_totals_hold(s)
    s.close()


def test_speaker_counts_and_voice_groups_in_sql_equal_grouping_the_quote_rows(store):
    from components import charts

    store_analyses(store, copies(4))
    for f in (None, Filters(nations=["US"]), Filters(date_from="2025-02-01")):
        rows = store.quotes_df(f)
        want = charts.speaker_counts(rows)
        got = store.speaker_counts_df(f, top=10_000)
        cols = ["speaker_id", "speaker", "quotes", "words", "direct", "indirect", "mixed"]
        assert got[cols].astype(str).values.tolist() == want[cols].astype(str).values.tolist(), f
        assert store.speaker_counts_df(f, top=2)["speaker_id"].tolist() == want["speaker_id"].head(2).tolist()
        a, b = charts.voice_balance(rows), charts.voice_balance(store.voice_groups_df(f))
        for part in ("nations", "kinds", "sources"):
            key = a[part].columns[0]
            left = a[part].sort_values(key).reset_index(drop=True)
            right = b[part].sort_values(key).reset_index(drop=True)
            assert left.astype(str).equals(right.astype(str)), (f, part)


def test_portrayal_stance_and_nation_figures_in_sql_equal_grouping_the_rows(store):
    from components import charts

    store_analyses(store, copies(4))
    for f in (None, Filters(nations=["US"])):
        fast = store.portrayal_df(f)  # from actor_totals
        rows = store.portrayal_df(Filters(nations=f.nations if f else (), date_from="1000-01-01"))  # grouped rows
        cols = ["id", "n", "n_neg", "n_neu", "n_pos"]
        assert fast[cols].reset_index(drop=True).equals(rows[cols].reset_index(drop=True))
        assert list(store.portrayal_df(f, limit=3)["id"]) == list(fast["id"][:3])
        cells = store.stance_cells_df(f)
        want = charts.stance_cells(store.quote_targets_df(f), top_speakers=20, top_targets=15)
        assert sorted(zip(cells.speaker_id, cells.target_id, cells.n)) == \
            sorted(zip(want.speaker_id, want.target_id, want.n))
        if not cells.empty:
            sp, tg = cells.iloc[0]["speaker_id"], cells.iloc[0]["target_id"]
            one = store.quote_targets_df(f, speaker_id=sp, target_id=tg)
            assert len(one) == cells.iloc[0]["n"]
        table = charts.nation_summary_table(store.quote_nations_df(f))
        assert table.set_index("nation")["quotes"].to_dict() == \
            charts.nation_summary(store.quotes_df(f)).set_index("nation")["quotes"].to_dict()


def test_events_come_a_page_or_an_even_sample_at_a_time(store):
    store_analyses(store, copies(6))
    every = store.events_df(None)
    assert store.events_count() == len(every) > 10
    page = store.events_df(None, limit=4, offset=4)
    assert list(zip(page.article_id, page.idx)) == list(zip(every.article_id, every.idx))[4:8]
    sample = store.events_df(None, sample=len(every) // 3)
    assert 0 < len(sample) <= len(every) // 3 + 1
    assert set(zip(sample.article_id, sample.idx)) <= set(zip(every.article_id, every.idx))
    assert sample["article_id"].nunique() > 1  # spread over the articles, not the first one's
    assert len(store.events_df(None, sample=10 * len(every))) == len(every)
    unresolved = store.events_df(None, unresolved_only=True)
    assert unresolved["value"].isna().all()
    assert len(unresolved) == len(store.events_df(None, include_unresolved=True)) - len(every)
