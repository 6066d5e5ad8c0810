"""Settings: each a default of its kind, a Chinese description, read when used (so an
environment variable changes the behaviour), and a secret never shown."""

from __future__ import annotations

import re

import pytest

from effmon import config, labels
from effmon.readable import settings_display

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("setting", list(config.SETTINGS.values()), ids=lambda s: s.name)
def test_a_setting_has_a_default_of_its_kind_and_a_chinese_description(setting):
    assert setting.kind in (str, int, float)
    assert setting.parses(setting.default)
    if setting.kind is int:
        assert float(setting.default).is_integer()
    assert setting.help and not setting.help.endswith(".")
    assert CJK.search(labels.SETTINGS[setting.name])


def test_every_description_belongs_to_a_setting():
    assert set(labels.SETTINGS) == set(config.SETTINGS)


def test_the_streak_rule_is_one_setting_with_its_agreed_default():
    assert config.get_int("failure_streak_months") == 3


def test_a_setting_is_read_when_used_so_the_environment_changes_it(monkeypatch):
    monkeypatch.setenv("EFFMON_FAILURE_STREAK_MONTHS", "2")
    assert config.get_int("failure_streak_months") == 2
    assert config.changed() == ["failure_streak_months"]
    monkeypatch.setenv("EFFMON_ON_TIME_TARGET", "0.95")
    assert config.get_float("on_time_target") == 0.95


def test_a_value_that_does_not_read_as_its_kind_is_named(monkeypatch):
    assert config.unreadable() == []
    monkeypatch.setenv("EFFMON_MIN_WAITS", "三十")
    assert config.unreadable() == ["min_waits"]


@pytest.mark.parametrize(("password", "shown"), [("", "未设置"), ("s3cret-passw0rd", "已设置")])
def test_the_table_shows_every_setting_but_never_a_secret(monkeypatch, password, shown):
    monkeypatch.setenv("EFFMON_ADMIN_PASSWORD", password)
    table = settings_display()
    assert list(table.columns) == ["设置项", "当前值", "默认值", "说明"]
    assert table["设置项"].tolist() == list(config.SETTINGS)
    row = table.set_index("设置项").loc["admin_password"]
    assert row["当前值"] == shown and row["默认值"] == ""
    assert not table.isin(["s3cret-passw0rd"]).any().any()
    streak = table.set_index("设置项").loc["failure_streak_months"]
    assert (streak["当前值"], streak["默认值"]) == ("3", "3")
    assert "连续不合格" in streak["说明"]


def _readme_row(setting: config.Setting) -> str:
    default = setting.default.replace(str(config.REPO_ROOT) + "/", "")
    shown = f"`{default}`" if default else "(empty)"
    return f"| `EFFMON_{setting.name.upper()}` | {shown} | {setting.help} |"


def test_the_readme_table_is_the_settings_of_config():
    """The README's settings table is exactly the rows made from config.SETTINGS."""
    readme = (config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| name | default | meaning |\n|---|---|---|\n", 1)[1].split("\n\n")[0]
    assert table.splitlines() == [_readme_row(s) for s in config.SETTINGS.values()]
