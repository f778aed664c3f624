"""Connections: which actors are named together, sentence by sentence."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, pagekit, selection
from components.layout import setup_page
from components.cache import query

setup_page("Connections")
f = selection.current()

c1, c2, c3 = st.columns([2, 2, 2])
top = c1.slider("Actors", min_value=10, max_value=150, value=60, step=5, key="network_top",
                help="The most-mentioned actors under the filters")
min_count = c2.slider("Shared sentences at least", min_value=1, max_value=10, value=1, key="network_min")
ego = c3.toggle("Only the selected actors' neighbours", key="network_ego", disabled=not f.actors,
                help="Select actors by clicking nodes, here or in any chart")

# clicking a node picks an actor, so the network is drawn without the actor part of the selection
graph_filter = f if (ego and f.actors) else pagekit.without(f, "actors")
edges = query("cooccurrence_df", graph_filter, min_count=min_count, top=top)
if edges.empty:
    st.info("No two actors are named in the same sentence under the current filters.")
    st.stop()
if ego and f.actors:
    edges = edges[edges["source"].isin(f.actors) | edges["target"].isin(f.actors)]

people = query("actors_df", pagekit.without(f, "actors"))
known = query("actor_options_df")
ids = pd.unique(pd.concat([edges["source"], edges["target"]], ignore_index=True))
nodes = people[people["id"].isin(ids)][["id", "name", "type", "nation", "mentions"]]
missing = known[known["id"].isin(set(ids) - set(nodes["id"]))][["id", "name", "type", "nation", "mentions"]]
nodes = pd.concat([nodes, missing], ignore_index=True)

st.caption("Node colour = nation, size = mentions, line width = sentences shared. Click a node to select "
           "that actor everywhere.")
pagekit.linked_chart(charts.network(nodes, edges), "actors", "network")

if f.actors:
    names = dict(zip(nodes["id"], nodes["name"])) | dict(zip(known["id"], known["name"]))
    rows = []
    for r in edges.itertuples():
        for me, other in ((r.source, r.target), (r.target, r.source)):
            if me in f.actors:
                rows.append({"actor": names.get(me, me), "named with": names.get(other, other),
                             "shared sentences": int(r.weight)})
    if rows:
        st.markdown("##### Named together with the selected actors")
        st.dataframe(pd.DataFrame(rows).sort_values("shared sentences", ascending=False), hide_index=True,
                     width="stretch")
