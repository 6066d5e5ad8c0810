import pandas as pd

from effmon.analytics.workload import compute_hour_weekday


def test_hour_weekday_matrix_has_every_weekday():
    load = pd.DataFrame({"weekday": [0, 0, 5], "hour": [9, 10, 9], "cases": [3, 4, 1]})
    matrix = compute_hour_weekday(load)
    assert list(matrix.index) == list(range(7)) and list(matrix.columns) == [9, 10]
    assert matrix.loc[0, 10] == 4 and matrix.loc[3].sum() == 0
