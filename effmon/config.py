"""Tunable settings: each has a name, a default and a one-line help.

Values come from environment variables named ``EFFMON_<NAME>``; nothing here is secret.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(f"EFFMON_{self.name.upper()}", self.default)


SETTINGS = {
    s.name: s
    for s in [
        Setting("db", str(REPO_ROOT / "data" / "effmon.duckdb"), "DuckDB store file"),
        Setting("max_upload_mb", "200", "largest file accepted by ingestion, in MB"),
        Setting("demo_months", "24", "months of history the demo store covers"),
        Setting(
            "demo_scale", "1", "demo size factor; 1 is about 300,000 cases, 30 about 10 million"
        ),
        Setting("demo_seed", "20261128", "random seed of the demo store"),
        Setting(
            "store_wait_seconds",
            "120",
            "seconds the app or a command waits while another process writes the store",
        ),
        Setting("error_rows_shown", "200", "rejected rows shown on screen; the CSV report has all"),
        Setting(
            "category_review_below",
            "0.6",
            "complaints classified with less confidence than this are marked for review",
        ),
        Setting(
            "min_base_for_percent",
            "30",
            "a count's change from a smaller base is given as the two counts, not in %",
        ),
        Setting("followup_workdays", "15", "working days to revisit and rectify a 差评"),
        Setting("letter_workdays", "10", "working days a 提示函 gives a unit to rectify"),
        Setting("visit_edit_hours", "24", "hours a saved inspection visit stays editable"),
        Setting("session_minutes", "30", "minutes of inactivity after which a user is logged out"),
        Setting("login_attempts", "5", "failed logins in a row that lock an account"),
        Setting("lockout_minutes", "15", "minutes a locked account stays locked"),
        Setting(
            "sso_provider",
            "",
            "single sign-on through Streamlit's OIDC login: empty is off, 'default' uses the"
            " [auth] provider of .streamlit/secrets.toml, another name its [auth.NAME]",
        ),
        Setting(
            "admin_password", "", "password of the first administrator (else one is generated)"
        ),
        Setting(
            "report_font",
            "",
            "TrueType (.ttf/.ttc) Chinese font embedded in PDF reports; empty finds WenQuanYi"
            " Micro Hei (Debian package fonts-wqy-microhei) or another installed one",
        ),
        Setting(
            "attendance_slots",
            "09:00-09:05,11:55-12:00,13:00-13:05,16:55-17:00",
            "key times staff must be at their windows (start-end, comma-separated)",
        ),
        # Findings (effmon.analytics.findings, effmon.forecast.scan): computed per month when
        # data is loaded, by `effmon alerts --period` and daily in the app if scheduled.
        Setting(
            "findings_daily_at",
            "",
            "time of day (HH:MM) the app recomputes the latest month's findings; empty is off",
        ),
        Setting(
            "failure_streak_months",
            "3",
            "an indicator failing at a site this many months in a row is a streak",
        ),
        Setting(
            "findings_severe_change",
            "0.3",
            "a worsening is 严重 only when also this far from its expectation (0.3 is 30%)",
        ),
        Setting(
            "findings_hot_issue_min",
            "10",
            "complaints a hot issue needs in a month to be a finding",
        ),
        Setting(
            "findings_change_z",
            "3",
            "a unit's rise against the month before is a finding when its count is this many"
            " standard deviations out in the Poisson tail of the month before's rate",
        ),
    ]
}


def get(name: str) -> str:
    """Current value of one setting as text."""
    return SETTINGS[name].value()


def get_int(name: str) -> int:
    """Current value of a whole-number setting."""
    return int(float(get(name)))


def get_float(name: str) -> float:
    """Current value of a numeric setting."""
    return float(get(name))


def db_path() -> Path:
    """Path of the DuckDB store."""
    return Path(get("db"))


def max_upload_bytes() -> int:
    """Largest accepted input file in bytes."""
    return int(float(get("max_upload_mb")) * 1024 * 1024)
