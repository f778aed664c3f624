"""DataFrames from the store -> plotly Figures, one module per view. Pure functions: no Streamlit, no store.

Every chart that takes part in the linked selection puts the value a click
selects (actor id, speaker id, nation code, article id) in ``customdata[0]`` of
each point; the rest of ``customdata`` feeds the hover template. Every
article-derived string that reaches a figure is escaped first (``common.esc``).

    common     escaping, wrapping, nation names and colours, layout helpers
    actors     mentions per actor
    speakers   quotes per speaker, voice balance
    sentiment  portrayal, tone, stance, portrayal over time, lexicon view and its table
    timeline   events on a date axis
    network    co-occurrence graph (networkx spring layout), its nodes and neighbours

The pages call them as ``charts.actors_bar(...)``: every public name is re-exported here.
"""
from .actors import actors_bar
from .common import (DIVERGING, KIND_COLORS, NEG_COLOR, NEU_COLOR, NO_NATION, NO_NATION_COLOR, PALETTE, POS_COLOR,
                     empty_figure, esc, group_color, is_null, mark_selected, nation_color, nation_label, series_colors,
                     set_nation_order, wrap)
from .network import graph_nodes, neighbours, network, node_positions
from .sentiment import (lexicon_scatter, nation_summary, nation_summary_table, portrayal_bar, portrayal_over_time, stance_cells, stance_matrix,
                        tone_bar)
from .speakers import (NAMED_KINDS, source_class, speaker_counts, speakers_bar, voice_balance, voice_nations_bar,
                       voice_split_bar)
from .timeline import timeline, timeline_rows

__all__ = [
    "DIVERGING", "KIND_COLORS", "NAMED_KINDS", "NEG_COLOR", "NEU_COLOR", "NO_NATION", "NO_NATION_COLOR", "PALETTE",
    "POS_COLOR", "actors_bar", "empty_figure", "esc", "graph_nodes", "group_color", "is_null", "lexicon_scatter",
    "mark_selected", "nation_color", "nation_label", "series_colors", "set_nation_order", "nation_summary", "nation_summary_table", "neighbours", "network", "node_positions", "portrayal_bar", "portrayal_over_time", "source_class",
    "speaker_counts", "speakers_bar", "stance_cells", "stance_matrix", "timeline", "timeline_rows", "tone_bar",
    "voice_balance", "voice_nations_bar", "voice_split_bar", "wrap",
]
