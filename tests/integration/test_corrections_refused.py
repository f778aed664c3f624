"""Corrections that make no sense are refused by the store with a message (issue 16, item 8)."""
from __future__ import annotations

import copy

import pytest

from corpus import store_analysis
from store import OverrideError, Store, StoreError
from tests.integration.test_bulk_ingest import copies


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "s.sqlite3")
    store_analysis(s, copies(1)[0])
    yield s
    s.close()


def _ids(store: Store) -> set[str]:
    return set(store.actors_df()["id"])


def _lonely_article(base):
    """A second article naming an actor no other article names ("Atlantis", in place of the United States)."""
    r = copy.deepcopy(base)
    r.article.text += "\u2060"
    r.article.id = "atlantis-article"
    for a in r.actors:
        if a.id == "GPE:US":
            a.id, a.name, a.aliases, a.nation = "GPE:atlantis", "Atlantis", [], None
    for m in r.mentions:
        if m.actor_id == "GPE:US":
            m.actor_id = "GPE:atlantis"
    return r


def test_a_refusal_is_a_store_error_and_a_value_error():
    assert issubclass(OverrideError, StoreError) and issubclass(OverrideError, ValueError)


def test_a_merge_into_an_actor_that_does_not_exist_is_refused(store):
    before = _ids(store)
    with pytest.raises(OverrideError, match="cannot merge into 'GPE:nowhere'.*never existed"):
        store.add_override("merge", "GPE:US", target_id="GPE:nowhere")
    with pytest.raises(OverrideError, match="no stored article names the actor 'PERSON:nobody'"):
        store.add_override("merge", "PERSON:nobody", target_id="GPE:US")
    assert _ids(store) == before and store.overrides_df().empty


def test_a_merge_into_an_actor_whose_only_article_was_deleted_is_refused(store):
    store_analysis(store, _lonely_article(copies(1)[0]))
    assert "GPE:atlantis" in _ids(store)
    store.delete_article("atlantis-article")
    with pytest.raises(OverrideError, match="cannot merge into 'GPE:atlantis'"):
        store.add_override("merge", "GPE:US", target_id="GPE:atlantis")
    assert "GPE:US" in _ids(store)  # the United States did not vanish
    with pytest.raises(OverrideError, match="no stored article names the actor 'GPE:atlantis'"):
        store.add_override("set", "GPE:atlantis", field_name="name", value="Atlantis")


def test_a_circular_merge_is_refused_not_cancelled(store):
    store.add_override("merge", "PERSON:jared-kushner", target_id="PERSON:steve-witkoff")
    with pytest.raises(OverrideError, match="'PERSON:jared-kushner' is already merged into 'PERSON:steve-witkoff'.*undo that correction"):
        store.add_override("merge", "PERSON:steve-witkoff", target_id="PERSON:jared-kushner")
    # and round a longer loop: A -> B -> C, then C -> A
    store.add_override("merge", "PERSON:steve-witkoff", target_id="PERSON:donald-trump")
    with pytest.raises(OverrideError, match="circular|already merged into"):
        store.add_override("merge", "PERSON:donald-trump", target_id="PERSON:jared-kushner")
    ids = _ids(store)
    assert "PERSON:donald-trump" in ids and not {"PERSON:jared-kushner", "PERSON:steve-witkoff"} & ids
    with pytest.raises(OverrideError, match="already merged"):
        store.add_override("merge", "PERSON:steve-witkoff", target_id="PERSON:donald-trump")


def test_undoing_twice_or_an_unknown_correction_is_refused(store):
    oid = store.add_override("set", "GPE:US", field_name="role", value="superpower")
    store.undo_override(oid)
    version = store.data_version()
    with pytest.raises(OverrideError, match=f"correction {oid} is already undone"):
        store.undo_override(oid)
    with pytest.raises(OverrideError, match="there is no correction 999999"):
        store.undo_override(999999)
    assert store.data_version() == version  # nothing was written


@pytest.mark.parametrize("kind, field, value, message", [
    ("set", "name", "", "the new name is empty"),
    ("set", "name", "   ", "the new name is empty"),
    ("set", "name", None, "the new name is empty"),
    ("set", "role", None, "the new role is empty"),
    ("split", None, "", "the alias to split out is empty"),
    ("split", None, None, "the alias to split out is empty"),
    ("set", "type", "Spaceship", "'Spaceship' is not an actor type"),
    ("set", "type", "person", "'person' is not an actor type"),
    ("set", "colour", "red", "field 'colour' cannot be edited"),
    ("rename", None, "x", "unknown correction 'rename'"),
])
def test_empty_values_and_free_text_types_are_refused(store, kind, field, value, message):
    with pytest.raises(OverrideError, match=message):
        store.add_override(kind, "GPE:US", field_name=field, value=value)
    assert store.overrides_df().empty


def test_the_sensible_corrections_still_work(store):
    store.add_override("set", "ORG:nato", field_name="type", value="PERSON")
    oid = store.add_override("set", "GPE:US", field_name="name", value="  United States of America ")
    assert store.actors_df().set_index("id").loc["GPE:US", "name"] == "United States of America"
    store.undo_override(oid)
    store.add_override("merge", "PERSON:jared-kushner", target_id="PERSON:steve-witkoff")
    assert "PERSON:jared-kushner" not in _ids(store)


def test_an_actor_merged_into_one_whose_only_article_is_then_deleted_does_not_vanish(store):
    store_analysis(store, _lonely_article(copies(1)[0]))
    store.add_override("merge", "PERSON:donald-trump", target_id="GPE:atlantis")
    assert "PERSON:donald-trump" not in _ids(store)
    store.delete_article("atlantis-article")
    # the merged actor's mentions still point at the target: the target's corpus row stays, and so do they
    ids = _ids(store)
    assert "GPE:atlantis" in ids
    assert store.actors_df().set_index("id").loc["GPE:atlantis", "mentions"] > 0
