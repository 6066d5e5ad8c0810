"""Hot issues: grouping near-duplicates and same-place problems, titles, heat."""

from __future__ import annotations

import pandas as pd
import pytest

from effmon.analytics.hot_issues import Heat, hot_issues
from effmon.cli import main

NOISE = "西园小区旁边的工地每天夜里施工，噪音很大，吵得居民睡不着觉"
PARKING = "西园小区开发商把车位和房子捆绑销售，不买车位就不给办房产证"
SCHOOL = "实验小学门口上下学时段交通拥堵，家长车辆乱停乱放"


def _complaints(rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["ticket_id", "complainant", "title", "body", "received_at", "likes"]
    ).assign(received_at=lambda f: pd.to_datetime(f["received_at"]))


@pytest.fixture
def complaints():
    noise = [
        (
            f"N{i}",
            f"u{i}",
            "西园小区工地夜间施工扰民",
            NOISE.replace("每天", d),
            f"2026-10-{i + 1:02d}",
            0,
        )
        for i, d in enumerate(["每天", "天天", "经常", "每天都", "一直"])
    ]
    parking = [
        (f"P{i}", f"v{i}", "西园小区车位捆绑销售", PARKING, f"2026-10-{i + 3:02d}", 0)
        for i in range(3)
    ]
    school = [("S1", "w1", "实验小学门口拥堵", SCHOOL, "2026-09-01", 0)]
    return _complaints(noise + parking + school)


def test_near_duplicates_group_and_problems_at_one_place_stay_apart(complaints):
    issues = hot_issues(complaints)
    groups = {frozenset(ids) for ids in issues["ticket_ids"]}
    assert frozenset(f"N{i}" for i in range(5)) in groups
    assert frozenset(f"P{i}" for i in range(3)) in groups
    assert frozenset({"S1"}) in groups
    top = issues.iloc[0]
    assert top["place"] == "西园小区" and top["complaints"] == 5 and top["complainants"] == 5
    assert "施工" in top["title"] or "扰民" in top["title"]
    assert issues["heat"].is_monotonic_decreasing


@pytest.mark.parametrize(
    "sites",
    [
        ["高新区政务服务中心（东区分中心）", "高新区政务服务中心（主中心）"],
        ["三岔兴隆花园社区便民服务室", "芳草街东苑社区便民服务室"],
        ["石桥街道综合便民服务中心", "芳草街街道综合便民服务中心"],
    ],
)
def test_the_same_problem_at_two_sites_is_two_issues(sites):
    rows = [
        (f"{k}-{i}", f"{k}u{i}", f"{site}停车困难", f"到{site}办事，停车场车位太少",
         f"2026-10-{i + 1:02d}", 0)
        for k, site in enumerate(sites) for i in range(3)
    ]  # fmt: skip
    issues = hot_issues(_complaints(rows))
    assert sorted(issues["place"]) == sorted(sites)
    assert all(n == 3 for n in issues["complaints"])
    # titled as the complainants wrote it, not as a keyword list (no piece of 东区分中心)
    assert sorted(issues["title"]) == sorted(f"{site}停车困难" for site in sites)


def test_one_compound_named_short_and_long_is_one_place(complaints):
    mixer = [
        ("L1", "a", "丽发新城旁边建搅拌站", "丽发新城旁边建搅拌站，噪音大粉尘多", "2026-10-01", 0),
        ("L2", "b", "丽发新城小区搅拌站扰民", "丽发新城小区旁搅拌站日夜施工，噪音扰民", "2026-10-02", 0),
        ("L3", "c", "搅拌站污染", "在丽发新城小区侧面建设搅拌站，粉尘污染严重", "2026-10-03", 0),
    ]  # fmt: skip
    issues = hot_issues(pd.concat([complaints, _complaints(mixer)]))
    assert {"L1", "L2", "L3"} in [set(ids) for ids in issues["ticket_ids"]]


def test_heat_orders_people_over_repeats_likes_saturate_and_it_fades():
    base = Heat(complaints=5, complainants=5, likes=0, days_since_last=0, span_days=0)
    repeats = Heat(complaints=5, complainants=1, likes=0, days_since_last=0, span_days=0)
    old = Heat(complaints=5, complainants=5, likes=0, days_since_last=60, span_days=0)
    lasting = Heat(complaints=5, complainants=5, likes=0, days_since_last=0, span_days=90)
    assert repeats.value < base.value < lasting.value
    assert old.value < base.value and old.value > base.value / 2
    # likes count on a log scale and at most as much as the people: a message with
    # thousands of likes weighs like two people, three saying the same thing like six
    liked = Heat(complaints=1, complainants=1, likes=2000, days_since_last=0, span_days=0)
    two = Heat(complaints=2, complainants=2, likes=0, days_since_last=0, span_days=0)
    three_liked = Heat(complaints=3, complainants=3, likes=2400, days_since_last=0, span_days=0)
    six = Heat(complaints=6, complainants=6, likes=0, days_since_last=0, span_days=0)
    assert liked.value == two.value < base.value < three_liked.value == six.value
    # so do one person's repeats: thirty messages weigh like two people
    campaign = Heat(complaints=30, complainants=1, likes=0, days_since_last=0, span_days=0)
    assert campaign.value == two.value


def test_many_people_outrank_one_person_with_many_likes():
    """A problem reported by five people comes before two messages of one person with a
    hundred likes (issue 23: the other way round on 附件3)."""
    rows = [(f"N{i}", f"u{i}", "西园小区工地夜间施工扰民", NOISE, f"2026-10-{i + 1:02d}", 0)
            for i in range(5)]  # fmt: skip
    rows += [
        ("H1", "fan", "京港澳高速城区段什么时候外迁", "京港澳高速穿城而过，噪音大，建议外迁至远郊", "2026-10-01", 29),
        ("H2", "fan", "建议尽快外迁京港澳高速城区段", "京港澳高速城区段噪音扰民，建议尽快外迁至远郊", "2026-10-05", 80),
    ]  # fmt: skip
    issues = hot_issues(_complaints(rows))
    assert issues["complainants"].tolist()[:2] == [5, 1]
    assert set(issues["ticket_ids"].iloc[1]) == {"H1", "H2"}


def test_no_complaints_no_issues():
    assert hot_issues(_complaints([])).empty


@pytest.mark.slow
def test_the_real_export_loaded_into_a_store_gives_the_known_hot_issues(external, tmp_path, capsys):
    """附件3 (4,326 real messages with likes) through `effmon ingest`, then `effmon hotspots`."""
    store = tmp_path / "store.duckdb"
    export = external / "teddycup2020c" / "raw" / "附件3.xlsx"
    assert main(["ingest", "complaints", str(export), "--db", str(store)]) == 0
    out = tmp_path / "hot.csv"
    assert main(["hotspots", "store", "--months", "60", "--out", str(out), "--db", str(store)]) == 0
    issues = pd.read_csv(out, encoding="utf-8-sig")
    top = issues.head(5)
    assert {"丽发新城", "伊景园滨河苑"} <= set(top["地点"])
    assert "58车贷" in set(top["对象"])  # one case, its victims writing from everywhere
    assert top["投诉数"].iloc[:2].min() >= 30  # dozens of residents each, not one person
    assert top["投诉人数"].iloc[:2].min() >= 30


def test_the_hotspots_command_names_a_bad_file_row_and_column(write_file, tmp_path, capsys):
    store = ["--db", str(tmp_path / "s.duckdb")]
    no_time = write_file("no_time.csv", "留言编号,留言主题\n1,电梯故障\n")
    assert main(["hotspots", str(no_time), *store]) == 1
    assert "「no_time.csv」需要时间列" in capsys.readouterr().err
    bad_time = write_file(
        "bad_time.csv", "留言编号,留言时间,留言主题\n1,2019/2/28 11:25:05,电梯\n2,昨天,电梯\n"
    )
    assert main(["hotspots", str(bad_time), *store]) == 1
    assert "「bad_time.csv」第 3 行「留言时间」的时间无法识别：昨天" in capsys.readouterr().err


def test_tickets_without_any_text_are_issues_of_their_own():
    tickets = pd.DataFrame(
        {
            "ticket_id": ["T1", "T2"],
            "title": [None, None],
            "body": [None, None],
            "received_at": pd.to_datetime(["2026-10-08", "2026-10-09"]),
        }
    )
    assert sorted(hot_issues(tickets)["complaints"]) == [1, 1]


def test_an_issue_is_titled_by_the_title_that_says_most_of_it():
    rows = [
        ("T1", "a", "凉塘路改造工程何时完工", "凉塘路改造工程何时完工，出行不便", "2026-10-01", 0),
        ("T2", "b", "凉塘路改造", "凉塘路改造工程何时完工，出行不便", "2026-10-02", 0),
        ("T3", "c", "问凉塘路工程", "凉塘路改造工程何时完工，出行不便", "2026-10-03", 0),
    ]  # fmt: skip
    issues = hot_issues(_complaints(rows))
    assert issues["complaints"].iloc[0] == 3
    assert issues["title"].iloc[0] == "凉塘路改造工程何时完工"  # the one that says it all


FRAUD = (
    "{where}投资了58车贷，平台恶性退出，公安立案至今已近半年，没有发布任何案情通报，请尽快追赃挽损"
)


def test_one_case_named_at_different_places_is_one_issue():
    """Victims of one lending platform write from different places: the
    platform is the key (58车贷 with or without 案件); another platform's victims, writing
    the same way, are another issue."""
    wheres = [
        "我住在A4区东方小区，",
        "本人家住西园小区，",
        "我在金毛湾，",
        "我是星沙街道居民，",
        "我是东山村村民，",
    ]
    titles = ["A市58车贷案件为何没有进展", "58车贷立案近半年毫无进展", "请关注58车贷案",
              "58车贷恶性退出案件无任何通报", "西地省58车贷案件进展如何"]  # fmt: skip
    rows = [
        (f"C{i}", f"v{i}", title, FRAUD.format(where=where), f"2026-09-{i + 1:02d}", 0)
        for i, (title, where) in enumerate(zip(titles, wheres, strict=True))
    ]
    rows += [
        (f"D{i}", f"w{i}", "余易贷平台恶性退出", FRAUD.format(where="").replace("58车贷", "余易贷"),
         f"2026-09-{i + 10:02d}", 0)
        for i in range(2)
    ]  # fmt: skip
    issues = hot_issues(_complaints(rows))
    groups = [set(ids) for ids in issues["ticket_ids"]]
    assert {f"C{i}" for i in range(5)} in groups
    assert {"D0", "D1"} in groups
    assert set(issues["object"]) == {"58车贷", "余易贷"}  # named in the 对象 column
    assert set(issues["place"]) == {""}  # where each victim lives is not the case's place


RESOLVED = "多次反映，至今没有任何答复，希望相关部门尽快依法处理"


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        # the subject that says most, without how it was asked
        (["关于A市伊景园滨河苑捆绑销售车位的投诉", "伊景园滨河苑捆绑车位", "捆绑车位销售合法吗"],
         "伊景园滨河苑捆绑销售车位"),
        (["请书记关注A市58车贷案", "A市58车贷恶性退出，立案半年毫无进展",
          "58车贷立案半年毫无进展"], "58车贷立案半年毫无进展"),
    ],
)  # fmt: skip
def test_an_issue_is_titled_by_its_most_representative_subject_cleaned(titles, expected):
    rows = [
        (f"T{i}", f"u{i}", title, f"{title}。{RESOLVED}", f"2026-10-{i + 1:02d}", 0)
        for i, title in enumerate(titles)
    ]
    issues = hot_issues(_complaints(rows))
    assert issues["complaints"].iloc[0] == len(titles)
    assert issues["title"].iloc[0] == expected


def test_neighbours_wordings_join_while_a_roads_problems_stay_apart():
    """Three neighbours word one compound's noisy ground-floor shops three ways (each pair
    similar 0.17-0.22: under a road's bar); two problems on one road, as similar (0.27),
    stay two issues: many problems meet on a road."""
    rows = [
        ("M1", "a", "魅力之城小区底层餐馆油烟扰民", "魅力之城小区底层餐馆油烟直排，楼上住户不敢开窗"),
        ("M2", "b", "魅力之城小区临街门面油烟扰民", "魅力之城小区临街门面开烧烤夜宵，油烟和噪音到凌晨"),
        ("M3", "c", "魅力之城小区底层商铺夜宵噪音", "魅力之城小区底层商铺营业到凌晨，噪音吵得睡不着"),
        ("R1", "d", "汇金路路灯不亮", "汇金路路灯不亮，夜间行人很危险，希望尽快维修"),
        ("R2", "e", "汇金路井盖破损", "汇金路井盖破损，夜间行人容易踩空，希望尽快维修"),
    ]  # fmt: skip
    frame = _complaints([(*row, "2026-10-01", 0) for row in rows])
    groups = [set(ids) for ids in hot_issues(frame)["ticket_ids"]]
    assert {"M1", "M2", "M3"} in groups
    assert {"R1"} in groups and {"R2"} in groups
