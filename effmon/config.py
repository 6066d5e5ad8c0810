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
    kind: type = str  # what the text parses as: str, int or float
    secret: bool = False  # never shown, only whether it is set

    def value(self) -> str:
        return os.environ.get(f"EFFMON_{self.name.upper()}", self.default)

    def parses(self, text: str) -> bool:
        """True when ``text`` reads as this setting's kind."""
        try:
            self.kind(text)
        except ValueError:
            return False
        return True


SETTINGS = {
    s.name: s
    for s in [
        # Store, files and the demo
        Setting(
            "db",
            str(REPO_ROOT / "data" / "effmon.duckdb"),
            "DuckDB store file (also --db on the command line)",
        ),
        Setting("max_upload_mb", "200", "largest file accepted by ingestion, in MB", float),
        Setting(
            "max_sheet_cells",
            "5000000",
            "largest worksheet area (rows × columns up to its last cell) read from an XLSX;"
            " a larger export is loaded as CSV",
            int,
        ),
        Setting("demo_months", "24", "months of history the demo store covers", int),
        Setting(
            "demo_scale",
            "1",
            "demo size factor; 1 is about 340,000 cases, 30 about 10 million",
            float,
        ),
        Setting("demo_seed", "20261128", "random seed of the demo store", int),
        Setting(
            "store_wait_seconds",
            "120",
            "seconds the app or a command waits while another process writes the store",
            float,
        ),
        Setting(
            "error_rows_shown",
            "200",
            "rejected rows shown on screen; the CSV report has all",
            int,
        ),
        # Workload and waiting
        Setting(
            "min_waits",
            "30",
            "waits a month, on average, a site or department needs before its mean waiting"
            " time counts: flagged for attention, named the slowest, forecast and alerted on",
            float,
        ),
        Setting(
            "attention_min_count",
            "3",
            "overdue cases, 差评 or complaints a unit needs this month before their rise"
            " flags it for attention",
            int,
        ),
        Setting(
            "attention_top",
            "10",
            "units listed for attention on 总览, the most surprising rises first",
            int,
        ),
        # Satisfaction
        Setting(
            "index_window_months",
            "13",
            "months, ending with the chosen one, over which the satisfaction index is shown and"
            " a department's fall is judged against its median (13 keep the month a year before"
            " for 总览's year-on-year change)",
            int,
        ),
        Setting(
            "index_fall_min_evaluations",
            "10",
            "evaluations a department needs in a month before a fall of its index is called",
            int,
        ),
        Setting("followup_workdays", "15", "working days to revisit and rectify a 差评", int),
        # Complaints and hot issues
        Setting(
            "review_share",
            "0.15",
            "share of the texts a model classifies that a reviewer looks at: the least certain; "
            "the rest are accepted automatically",
            float,
        ),
        Setting(
            "repeat_complaint_days",
            "90",
            "days after a closed ticket within which a complaint about the same issue is a"
            " repeat complaint",
            int,
        ),
        Setting(
            "complaint_incident_share",
            "0.3",
            "share of a month's complaints one hot issue must hold for the complaint report to"
            " sum it up as one incident",
            float,
        ),
        Setting(
            "research_units_named",
            "12",
            "comparison units the research report names one by one (more: the count and the"
            " first ones)",
            int,
        ),
        Setting(
            "peer_gap_large",
            "0.1",
            "a gap to a peer region this large relative to the peer's value (0.1: 10%) is worth"
            " an improvement plan in the research report; a smaller one is only noted",
            float,
        ),
        Setting(
            "hot_issue_min_complaints",
            "2",
            "complaints a hot issue needs before reports list it",
            int,
        ),
        Setting(
            "hot_issue_half_life_days",
            "30",
            "days after its last complaint in which a hot issue's recency weight halves",
            float,
        ),
        Setting(
            "emerging_baseline_months",
            "3",
            "months before the chosen one that an emerging topic is compared with",
            int,
        ),
        Setting(
            "emerging_min_complaints",
            "3",
            "complaints a keyword needs in the month before it is tested as an emerging topic",
            int,
        ),
        Setting(
            "emerging_alpha",
            "0.05",
            "significance level of an emerging topic's rise (Bonferroni-corrected)",
            float,
        ),
        Setting(
            "hotspot_trend_months",
            "12",
            "months of the complaint-category trend on 投诉热点",
            int,
        ),
        # Inspections and attendance
        Setting(
            "failure_streak_months",
            "3",
            "an indicator failing at a site this many months in a row is a streak: listed in"
            " inspection pages/reports and raised as a finding",
            int,
        ),
        Setting("letter_workdays", "10", "working days a 提示函 gives a unit to rectify", int),
        Setting(
            "campaign_min_complaints",
            "10",
            "complaints a unit must have in a month before a report suggests a campaign"
            " (专项整治) rather than checking each one",
            int,
        ),
        Setting(
            "issuing_unit",
            "成都高新区政务服务中心",
            "the unit that issues the reports and letters (their masthead and signature)",
        ),
        Setting(
            "letter_overdue_months",
            "1",
            "a 提示函 names an open rectification whose deadline passed within this many months"
            " ending with the letter's month (1: only those that became overdue in it); older"
            " overdue items are followed in the reports, not sent again",
            int,
        ),
        Setting(
            "letter_reply_workdays",
            "15",
            "working days after its date by which a unit answers a 提示函 in writing (回复期限)",
            int,
        ),
        Setting(
            "letter_number_prefix", "高新政服函", "文号 prefix of a 提示函: 高新政服函〔2026〕12 号"
        ),
        Setting("letter_contact", "", "contact person on a 提示函 (联系人); blank to fill by hand"),
        Setting("letter_phone", "", "contact telephone printed on a 提示函 (联系电话)"),
        Setting(
            "letter_cc",
            "成都高新区党政办公室",
            "units a 提示函 is copied to (抄送), separated by 、; none when empty",
        ),
        Setting(
            "visit_edit_hours",
            "24",
            "hours a saved inspection visit stays editable (later: an administrator, with a"
            " reason)",
            float,
        ),
        Setting(
            "attendance_slots",
            "09:00-09:05,11:55-12:00,13:00-13:05,16:55-17:00",
            "key times staff must be at their windows (start-end, comma-separated)",
        ),
        # Forecasts and findings
        Setting(
            "forecast_history_months",
            "24",
            "months of history, ending with the chosen one, that forecasts are fitted on",
            int,
        ),
        Setting("forecast_horizon_days", "28", "days ahead a daily forecast reaches", int),
        Setting("forecast_horizon_weeks", "8", "weeks ahead a weekly forecast reaches", int),
        Setting("forecast_horizon_months", "3", "months ahead a monthly forecast reaches", int),
        Setting(
            "explain_baseline_months",
            "6",
            "months before an anomalous month whose mean it is decomposed against",
            int,
        ),
        Setting(
            "explain_baseline_weeks",
            "4",
            "weeks before an anomalous day whose same weekday it is decomposed against",
            int,
        ),
        Setting(
            "cause_min_share",
            "0.3",
            "least part of a change one cause must hold to be named in an anomaly's explanation",
            float,
        ),
        # Reports
        Setting(
            "on_time_target",
            "0.9",
            "按时办结率 below this share earns a suggestion in the report",
            float,
        ),
        Setting(
            "min_base_for_percent",
            "30",
            "a count's change from a smaller base is given as the two counts, not in %",
            float,
        ),
        Setting(
            "flat_change",
            "0.005",
            "a relative change below this fraction (0.005 is 0.5%), or a rate's or score's change"
            " below a tenth as many points (0.05), reads as 基本持平",
            float,
        ),
        Setting(
            "report_font",
            "",
            "TrueType (.ttf/.ttc) Chinese font embedded in PDF reports; empty finds WenQuanYi"
            " Micro Hei (Debian package fonts-wqy-microhei) or another installed one",
        ),
        # Research
        Setting(
            "research_min_days",
            "10",
            "working days with data needed on each side of an event for a before/after study",
            int,
        ),
        # Accounts and sign-in
        Setting(
            "session_minutes",
            "30",
            "minutes of inactivity after which a user is logged out",
            float,
        ),
        Setting(
            "wall_refresh_minutes", "5", "minutes between refreshes of the wall display", float
        ),
        Setting(
            "session_hours",
            "12",
            "hours a login lasts at most, however active (then the user logs in again)",
            float,
        ),
        Setting(
            "wall_session_days",
            "30",
            "days a wall-display (大屏) login lasts, with or without page runs",
            float,
        ),
        Setting("login_attempts", "5", "failed logins in a row that lock an account", int),
        Setting("lockout_minutes", "15", "minutes a locked account stays locked", float),
        Setting("password_min_length", "10", "fewest characters of a password", int),
        Setting(
            "password_history", "5", "earlier passwords of an account a new one may not repeat", int
        ),
        Setting(
            "sso_provider",
            "",
            "single sign-on through Streamlit's OIDC login: empty is off, 'default' uses the"
            " [auth] provider of .streamlit/secrets.toml, another name its [auth.NAME]",
        ),
        Setting(
            "admin_password",
            "",
            "password of the first administrator; else one is generated and printed once",
            secret=True,
        ),
        # Findings (effmon.analytics.findings, effmon.forecast.scan): computed per month when
        # data is loaded, by `effmon alerts --period` and daily in the app if scheduled.
        Setting(
            "findings_daily_at",
            "",
            "time of day (HH:MM) the app recomputes the latest month's findings; empty is off",
        ),
        Setting(
            "findings_severe_change",
            "0.3",
            "a worsening is 严重 only when also this far from its expectation (0.3 is 30%)",
            float,
        ),
        Setting(
            "findings_hot_issue_min",
            "10",
            "complaints a hot issue needs in a month to be a finding",
            int,
        ),
        Setting(
            "findings_change_z",
            "3",
            "a unit's rise against the month before is a finding when its count is this many"
            " standard deviations out in the Poisson tail of the month before's rate",
            float,
        ),
        # A city's lake of many districts (effmon.city; README, 市级部署)
        Setting("district_code", "", "this district's code (区县代码) its lake exports go under"),
        Setting("district_name", "", "this district's name (区县名称) written in its lake exports"),
        Setting(
            "lake",
            str(REPO_ROOT / "data" / "lake"),
            "the city's lake: folders or URLs of district exports, separated by commas",
        ),
        Setting(
            "engine",
            "duckdb",
            "what the city pages read the lake with: 'duckdb' on this machine, 'spark' with"
            " Apache Spark (local mode, or the Spark Connect server of spark_remote)",
        ),
        Setting("spark_remote", "", "Spark Connect server (sc://host:15002); empty is local mode"),
    ]
}


# Files effmon writes (the store, backups, reports, models) are its user's alone: 0600,
# folders 0700 (the umask the app and the command line set at start).
PRIVATE_UMASK = 0o077


def get(name: str) -> str:
    """Current value of one setting as text."""
    return SETTINGS[name].value()


def get_int(name: str) -> int:
    """Current value of a whole-number setting."""
    return int(float(get(name)))


def get_float(name: str) -> float:
    """Current value of a numeric setting."""
    return float(get(name))


def changed() -> list[str]:
    """Names of the settings whose current value is not their default."""
    return [s.name for s in SETTINGS.values() if s.value() != s.default]


def unreadable() -> list[str]:
    """Names of the settings whose current value does not read as their kind."""
    return [s.name for s in SETTINGS.values() if not s.parses(s.value())]


def db_path() -> Path:
    """Path of the DuckDB store."""
    return Path(get("db"))


def max_upload_bytes() -> int:
    """Largest accepted input file in bytes."""
    return int(float(get("max_upload_mb")) * 1024 * 1024)
