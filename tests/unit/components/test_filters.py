"""The sidebar's pickers: short enough for the browser at any corpus size."""


def test_a_sidebar_picker_lists_the_busiest_values_and_keeps_the_selected():
    from components.filters import PICKER_LIMIT, _options

    ranked = [f"a{i}" for i in range(PICKER_LIMIT * 3)]
    opts = _options(ranked, ["a5", "a900", "elsewhere"])
    assert opts[:PICKER_LIMIT] == ranked[:PICKER_LIMIT]
    assert opts[PICKER_LIMIT:] == ["a900", "elsewhere"]  # selected in a chart or the URL: still there
    assert _options(["x", "y"], []) == ["x", "y"]
