"""Sites, departments, service items, windows and their staff for the demo store."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

LEVELS = ("区级大厅", "街道综合便民服务中心", "社区便民服务室", "智能自助政务服务点位")
COMMUNITY_ROOMS = 66
SELF_SERVICE_POINTS = 44
HALL_SHARE = np.array([0.5, 0.3, 0.2])  # main hall, east branch, south branch


@cache
def vocab() -> dict:
    """The demo vocabulary (names and text fragments) from ``vocab.toml``."""
    with open(Path(__file__).with_name("vocab.toml"), "rb") as f:
        return tomllib.load(f)


@dataclass
class Places:
    sites: pd.DataFrame  # site_id, name, level, street, community, address, level_no
    departments: pd.DataFrame  # department, code, weight, local, self_service
    items: pd.DataFrame  # item, department, dept_no, promised_days
    windows: pd.DataFrame  # window_name, site_id, department, staff, site_no, dept_no


def make_places(rng: np.random.Generator) -> Places:
    """The 128 sites in four levels, 30-40 departments with items, windows and staff."""
    v = vocab()
    streets = v["streets"]
    rows = [
        (f"Q{i + 1:02d}", name, LEVELS[0], streets[i * 5], None)
        for i, name in enumerate(v["district_halls"])
    ]
    rows += [
        (f"J{i + 1:02d}", f"{s}综合便民服务中心", LEVELS[1], s, None) for i, s in enumerate(streets)
    ]
    communities = v["communities"]
    for i in range(COMMUNITY_ROOMS):
        street = streets[i % len(streets)]
        community = (
            f"{communities[i % len(communities)]}{('', '新村', '花园')[i // len(communities)]}社区"
        )
        rows.append(
            (
                f"S{i + 1:02d}",
                f"{street.removesuffix('街道')}{community}便民服务室",
                LEVELS[2],
                street,
                community,
            )
        )
    places = v["self_service_places"]
    for i in range(SELF_SERVICE_POINTS):
        street = streets[(i * 7) % len(streets)]
        rows.append(
            (
                f"Z{i + 1:02d}",
                f"{street.removesuffix('街道')}{places[i % len(places)]}"
                f"自助服务点{i // len(places) + 1}号",
                LEVELS[3],
                street,
                None,
            )
        )
    sites = pd.DataFrame(rows, columns=["site_id", "name", "level", "street", "community"])
    sites["address"] = [f"高新区{s}{rng.integers(1, 999)}号" for s in sites["street"]]
    sites["level_no"] = sites["level"].map(LEVELS.index)

    departments = pd.DataFrame(
        v["departments"], columns=["department", "weight", "local", "self_service"]
    )
    departments["code"] = [f"D{i + 1:02d}" for i in range(len(departments))]

    item_rows = []
    for dept_no, dept in enumerate(departments["department"]):
        stems = v["item_stems"].get(dept, [f"{dept}业务办理", f"{dept}许可审批", f"{dept}证明开具"])
        item_rows += [(stem, dept, dept_no, int(rng.choice(v["item_limits"]))) for stem in stems]
    items = pd.DataFrame(item_rows, columns=["item", "department", "dept_no", "promised_days"])

    windows = _windows(sites, departments, rng)
    return Places(sites, departments, items, windows)


def _windows(
    sites: pd.DataFrame, departments: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    v = vocab()
    rows = []
    for site_no, site in sites.iterrows():
        if site["level_no"] == 0:
            for dept_no, dept in departments.iterrows():
                for k in range(int(dept["weight"]) // 4 + 1):
                    rows.append((f"{site['site_id']}-{dept['code']}-{k + 1}", site_no, dept_no))
        elif site["level_no"] in (1, 2):
            for k in range(5 if site["level_no"] == 1 else 2):
                rows.append((f"{site['site_id']}-综合{k + 1}", site_no, -1))
    windows = pd.DataFrame(rows, columns=["window_name", "site_no", "dept_no"])
    windows["site_id"] = sites["site_id"].to_numpy()[windows["site_no"]]
    names = departments["department"].to_numpy()
    windows["department"] = [names[d] if d >= 0 else None for d in windows["dept_no"]]
    windows["staff"] = [
        f"{rng.choice(v['surnames'])}{rng.choice(v['given_names'])}" for _ in range(len(windows))
    ]
    return windows
