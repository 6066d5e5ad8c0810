"""The roles and what each may do. Every page and every action asks ``allowed``."""

from __future__ import annotations

LEADER, ANALYST, INSPECTOR, ADMIN = "领导", "分析员", "巡查员", "管理员"
DISPLAY = "大屏"  # the account of a wall screen: the wall display alone, a long session
ROLES = (LEADER, ANALYST, INSPECTOR, ADMIN, DISPLAY)

# What each role may do: view a page (page:<name>) or take an action.
GRANTS = {
    LEADER: {
        "page:overview",
        "page:wall",
        "page:workload",
        "page:trends",
        "page:satisfaction",
        "page:hotspots",
        "page:inspections",
        "page:complaints",
        "page:attendance",
        "page:reports",
        "page:research",
        "page:city",
        "report",
    },
    ANALYST: {
        "page:overview",
        "page:wall",
        "page:workload",
        "page:explore",
        "page:trends",
        "page:satisfaction",
        "page:hotspots",
        "page:inspections",
        "page:complaints",
        "page:attendance",
        "export",
        "page:reports",
        "page:research",
        "page:city",
        "report",
        "analyse",
    },
    INSPECTOR: {
        "page:inspections",
        "page:complaints",
        "page:attendance",
        "fieldwork",
    },
    DISPLAY: {"page:wall"},
}
GRANTS[ADMIN] = set().union(*GRANTS.values()) | {
    "page:data_admin",
    "page:audit",
    "page:users",
    "page:settings",
    "load",
    "admin",
}


def allowed(role: str | None, permission: str) -> bool:
    """True when ``role`` may do ``permission``."""
    return permission in GRANTS.get(role or "", set())
