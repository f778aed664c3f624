"""The voice balance keeps named speakers with no nation apart from unnamed sources."""
from __future__ import annotations

import pandas as pd

from components.charts import voice_balance, voice_nations_bar


def test_unnamed_sources_are_not_counted_as_speakers_without_a_nation():
    quotes = pd.DataFrame({"speaker_nation": ["GB", None, None, "GB"], "words": [4, 6, 10, 2],
                           "speaker_id": ["PERSON:a", "PERSON:b", None, "PERSON:c"],
                           "speaker_kind": ["named", "named", "group", "named"], "kind": ["direct"] * 4})
    nations = voice_balance(quotes)["nations"].set_index("nation")
    assert nations["quotes"].to_dict() == {"GB": 2, "(no nation)": 1, "(unnamed source)": 1}
    fig = voice_nations_bar(voice_balance(quotes)["nations"])
    assert list(fig.data[0].x) == ["United Kingdom", "(no nation)", "(unnamed source)"]
    assert [c[0] for c in fig.data[0].customdata] == ["GB", "", ""]  # only a nation can be clicked into a filter
