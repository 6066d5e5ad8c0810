import math

import pandas as pd
import pytest

from effmon.analytics.workload import compute_hour_weekday, compute_workload


def test_shares_and_per_window_volume():
    counts = pd.DataFrame(
        {
            "key": ["税务局", "公积金中心"],
            "cases": [200, 10],
            "online_cases": [80, 10],
            "extended_cases": [20, 0],
            "counter_cases": [110, 0],
            "instant_cases": [50, 0],
            "finished_cases": [190, 9],
            "limited_finished": [120, 9],
            "early_cases": [90, 3],
            "overdue_cases": [4, 1],
            "waits": [120, 0],
            "windows": [4, 0],
            "wait_minutes_mean": [12.0, None],
            "wait_minutes_p90": [30.0, None],
            "staffed_hours": [55, None],
        }
    )
    result = compute_workload(counts).set_index("key")
    assert result.at["税务局", "online_share"] == pytest.approx(0.4)
    assert result.at["税务局", "extended_share"] == pytest.approx(0.1)
    assert result.at["税务局", "early_share"] == pytest.approx(0.75)
    assert result.at["税务局", "instant_share"] == pytest.approx(0.25)
    assert result.at["税务局", "cases_per_window"] == pytest.approx(27.5)  # 110 / 4
    assert result.at["税务局", "cases_per_staffed_hour"] == pytest.approx(2.0)  # 110 / 55
    assert math.isnan(result.at["公积金中心", "cases_per_window"])  # online only: no windows
    assert math.isnan(result.at["公积金中心", "cases_per_staffed_hour"])


def test_hour_weekday_matrix_has_every_weekday():
    load = pd.DataFrame({"weekday": [0, 0, 5], "hour": [9, 10, 9], "cases": [3, 4, 1]})
    matrix = compute_hour_weekday(load)
    assert list(matrix.index) == list(range(7)) and list(matrix.columns) == [9, 10]
    assert matrix.loc[0, 10] == 4 and matrix.loc[3].sum() == 0
