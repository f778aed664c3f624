"""newslens analysis: articles -> entities, actors, quotes, sentiment, events.

Pure Python over spaCy; never imports Streamlit. See ``pipeline`` for the entry
points and ``records`` for what comes out.
"""
