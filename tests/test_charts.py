"""Chart builders: axes a person reads without surprise."""

import pandas as pd

from effmon.charts import build_bar_figure


def test_small_counts_get_whole_ticks_and_other_values_automatic_ones():
    names = pd.Series(["税务局", "医保局", "民政局"])
    counts = build_bar_figure(names, pd.Series([1, 0, 0]), "差评数")
    assert counts.layout.xaxis.dtick == 1  # not 0.2, 0.4, … of a 差评
    assert build_bar_figure(names, pd.Series([140, 80, 3]), "办件量").layout.xaxis.dtick is None
    shares = build_bar_figure(names, pd.Series([62.5, 30.1, 7.4]), "占变化(%)")
    assert shares.layout.xaxis.dtick is None
