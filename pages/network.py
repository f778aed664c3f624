"""Connections: which actors are named together, sentence by sentence.

Under the selection (``store.Filters``): the pairs named in one sentence of the selected articles (a
speaker: where they are quoted; a nation: pairs with an actor of it; dates: published in the range).
A selected actor is ringed with its neighbours; the graph is drawn without the actor part, so the
rest stays clickable.
"""
from __future__ import annotations

import streamlit as st

from components import cache, charts, pagekit, selection
from components.layout import setup_page

setup_page("Connections")
f = selection.current()

c1, c2, c3 = st.columns([2, 2, 2])
top = c1.slider("Actors", min_value=10, max_value=80, value=30, step=5, key="network_top",
                help="The most-mentioned actors under the filters; up to 40 are labelled")
min_count = c2.slider("Shared sentences at least", min_value=1, max_value=10, value=1, key="network_min")
ego = c3.toggle("Only the selected actors' neighbours", key="network_ego", disabled=not f.actors,
                help="Select actors by clicking nodes, here or in any chart")

# clicking a node picks an actor, so the network is drawn without the actor part of the selection
graph_filter = f if (ego and f.actors) else pagekit.without(f, "actors")
edges = cache.cooccurrence(graph_filter, min_count=min_count, top=top)
if edges.empty:
    st.info("No two actors are named in the same sentence under the current filters.")
    st.stop()
if ego and f.actors:
    edges = edges[edges["source"].isin(f.actors) | edges["target"].isin(f.actors)]

# only the actors at an edge's ends are read (the corpus holds hundreds of thousands)
ends = tuple(sorted(set(edges["source"]) | set(edges["target"]) | set(f.actors)))
known = cache.actor_options(limit=0, include=ends)
nodes = charts.graph_nodes(edges, cache.actors(pagekit.without(f, "actors"), ids=ends), known)

st.caption("Node colour = nation, size = mentions, line width = sentences shared. Click a node to select "
           "that actor everywhere.")
# the selected actors stand out with the actors named beside them; the rest of the graph is dimmed
near = set(f.actors) | set(edges.loc[edges["source"].isin(f.actors), "target"]) | \
    set(edges.loc[edges["target"].isin(f.actors), "source"])
pagekit.linked_chart(charts.network(nodes, edges), "actors", "network", marked=sorted(near))

if f.actors:
    names = dict(zip(nodes["id"], nodes["name"])) | dict(zip(known["id"], known["name"]))
    together = charts.neighbours(edges, names, f.actors)
    if not together.empty:
        st.markdown("##### Named together with the selected actors")
        st.dataframe(together, hide_index=True, placeholder="", width="stretch")
