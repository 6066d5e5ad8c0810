"""A two-district lake: a copy of the demo store as 锦江区 and its shifted copy as 青羊区."""

from __future__ import annotations

import shutil

import pytest

from effmon.city.export import export_district
from effmon.store.connect import open_store
from tests.city.districts import FIRST, SECOND, shifted_copy


@pytest.fixture(scope="module")
def first_db(demo_db, tmp_path_factory):
    """Path of a private copy of the demo store (the shared one is never opened to write)."""
    path = tmp_path_factory.mktemp("first") / "first.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def second_db(demo_db, tmp_path_factory):
    """Path of the shifted copy of the demo store."""
    return shifted_copy(demo_db, tmp_path_factory.mktemp("second") / "second.duckdb")


@pytest.fixture(scope="module")
def two_districts(first_db, second_db, tmp_path_factory):
    """Path of a lake holding both districts' exports."""
    lake = tmp_path_factory.mktemp("lake") / "lake"
    for path, (code, name) in ((first_db, FIRST), (second_db, SECOND)):
        con = open_store(path)
        export_district(con, str(lake), code, name)
        con.close()
    return lake
