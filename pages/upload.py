"""Upload: files, batches or pasted text -> analysis -> the store, with per-file results."""
from __future__ import annotations

import datetime as _dt
import hashlib

import pandas as pd
import streamlit as st

from analysis.reading import InputError, parse_text, validate_date
from analysis.reading import UPLOAD_EXTS, UploadItem, expand_upload
from components import cache, pagekit, upload_report
from components.cache import get_store
from components.layout import setup_page
from corpus import ingest_articles

setup_page("Upload", show_filters=False)
st.caption("Add .txt, .md, .html, .docx or .pdf articles, batches as .zip, .jsonl or .csv "
           "(columns title, text, published, source), or paste text. Titles, dates and outlets can be edited "
           "before analysis; duplicates are reported, not stored twice.")
# the models load on a thread while the analyst picks files; the other pages never need them
_warm = cache.model_warmup()
if _warm.error:
    st.error(f"The language model could not be loaded ({pagekit.md(_warm.error)}), so nothing can be analysed. "
             "Install it with: pip install -r requirements.txt")
elif not _warm.ready:
    st.caption("⏳ The language model is loading in the background (a few seconds); choose files meanwhile.")


def _expand_cached(name: str, data: bytes) -> list[UploadItem]:
    """Parse each upload once per session (parsing is cheap, but the table is edited across reruns)."""
    key = "upload_parsed"
    cache: dict = st.session_state.setdefault(key, {})
    digest = hashlib.sha256(data).hexdigest() + name
    if digest not in cache:
        cache[digest] = expand_upload(name, data)
    return cache[digest]


def _store_items(items: list[UploadItem], edits: pd.DataFrame | None) -> None:
    store = get_store()
    ok_items = []
    for i, item in enumerate(items):
        if item.article is None:
            continue
        if edits is not None:
            row = edits.iloc[i]
            if not bool(row["include"]):
                continue
            title = str(row["title"] or "").strip() or None
            pub = row["published"]
            try:
                pub = validate_date(pub.isoformat() if isinstance(pub, _dt.date) else (pub or None))
            except InputError as exc:
                st.error(pagekit.md(f"{item.name}: {exc}"))
                continue
            item.article.title = title or item.article.title
            outlet = str(row.get("outlet") or "").strip()
            if outlet:  # the outlet's country-code host ("bbc.co.uk") can set the story
                item.article.source = outlet
            if pub:
                item.article.published, item.article.published_source = pub, "metadata"
        ok_items.append(item)
    if not ok_items:
        st.warning("Nothing to analyse: every file had an error or was left out.")
        return
    with st.status(f"Analysing {len(ok_items)} article(s)…", expanded=True) as status:
        bar = st.progress(0.0)
        lines: list[str] = []

        def progress(done: int, total: int, result) -> None:
            bar.progress(done / total, text=f"{done}/{total}")
            if result.problems:  # stored, but a step of the analysis failed: say which and why
                st.warning(pagekit.md(f"{result.name}: {result.message}"), icon="⚠️")
            else:
                icon = {"stored": "✅", "duplicate": "♻️", "error": "❌"}.get(result.status, "•")
                st.markdown(f"{icon} " + pagekit.md(f"{result.name}: {result.message}"))
            lines.append(result.status)

        results = ingest_articles(store, [it.article for it in ok_items], names=[it.name for it in ok_items],
                                  progress=progress)
        stored = sum(r.status == "stored" for r in results)
        dups = sum(r.status == "duplicate" for r in results)
        errs = sum(r.status == "error" for r in results)
        status.update(label=f"Done: {stored} stored, {dups} duplicate(s), {errs} error(s)",
                      state="complete" if not errs else "error", expanded=True)
    st.session_state["upload_last"] = [r.__dict__ for r in results]


tab_files, tab_paste = st.tabs(["Files", "Paste text"])
with tab_files:
    uploaded = st.file_uploader("Article files", type=UPLOAD_EXTS, accept_multiple_files=True, key="upload_files")
    items: list[UploadItem] = []
    for up in uploaded or []:
        items.extend(_expand_cached(up.name, up.getvalue()))
    if items:
        bad = [it for it in items if it.error]
        for it in bad:
            st.error(pagekit.md(it.error))
        good = [it for it in items if it.article is not None]
        edits = None
        if good:
            table = pd.DataFrame({
                "include": [True] * len(good),
                "file": [it.name for it in good],
                "title": [it.article.title or "" for it in good],
                "published": [_dt.date.fromisoformat(it.article.published) if it.article.published else None
                              for it in good],
                "outlet": [it.article.source if it.article.source not in (None, it.name) else "" for it in good],
                "words": [it.article.word_count() for it in good],
            })
            st.markdown(f"**{len(good)} article(s) ready.** Edit titles and dates, then analyse.")
            first, last = pagekit.date_bounds()
            edits = st.data_editor(table, hide_index=True, placeholder="", width="stretch", key="upload_editor",
                                   disabled=["file", "words"],
                                   column_config={"published": st.column_config.DateColumn(
                                                      "published", format="YYYY-MM-DD", min_value=first,
                                                      max_value=last, help=f"From {first} to {last}"),
                                                  "outlet": st.column_config.TextColumn(
                                                      "outlet", help="Where it was published, as a host or URL "
                                                      "(bbc.co.uk); a country-code host sets the story's country")})
            if st.button("Analyse and store", type="primary", key="upload_go"):
                _store_items(good, edits)

with tab_paste:
    p_title = st.text_input("Title", key="paste_title")
    first, last = pagekit.date_bounds()
    p_date = st.date_input("Published", value=None, key="paste_date", format="YYYY-MM-DD",
                           min_value=first, max_value=last, help=f"From {first} to {last}")
    p_text = st.text_area("Article text", height=240, key="paste_text",
                          placeholder="Paste the article here: a title line, a blank line, then paragraphs.")
    if st.button("Analyse pasted text", key="paste_go"):
        try:
            body = p_text if not p_title or p_text.lstrip().startswith(p_title) else f"{p_title}\n\n{p_text}"
            art = parse_text(body, fmt="paste", title=p_title or None,
                             published=p_date.isoformat() if p_date else None, source="pasted text")
            _store_items([UploadItem("pasted text", article=art)], None)
        except InputError as exc:
            st.error(pagekit.md(exc))

last = st.session_state.get("upload_last")
if last:
    st.markdown("##### Last run")
    report = upload_report.table(pd.DataFrame(last), cache.articles(None))
    st.dataframe(report.drop(columns=["article_id"]), hide_index=True, placeholder="", width="stretch",
                 column_config={"entities": st.column_config.NumberColumn("Entities", format="%d"),
                                "actors": st.column_config.NumberColumn("Actors", format="%d"),
                                "quotes": st.column_config.NumberColumn("Quotes", format="%d"),
                                "events": st.column_config.NumberColumn("Dated events", format="%d"),
                                "note": st.column_config.TextColumn("Note", width="large")})
    undated = report[report["article_id"].notna() & (report["published"] == "")]
    if not undated.empty:
        st.warning(f"{len(undated)} stored article(s) have no publication date, so relative dates such as "
                   "“on Friday” stay unresolved: " + ", ".join(pagekit.md(n) for n in undated["file"].head(10))
                   + ". Set a date in the Reader and its events are resolved again.", icon="🗓️")
    opened = report[report["article_id"].notna()].head(12)
    if not opened.empty:
        st.caption("Open a stored article:")
        cols = st.columns(min(4, len(opened)))
        for i, r in enumerate(opened.itertuples()):
            with cols[i % len(cols)]:
                pagekit.reader_button(f"📖 {pagekit.md(str(r.title)[:40])}", r.article_id, None, None,
                                      key=f"upload_open_{i}", help="Open this article in the Reader")
