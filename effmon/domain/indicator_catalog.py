"""Rules of the inspection-indicator catalog as an administrator edits it: an indicator
has an id and a name, a known frequency and known site levels, and every change says who
made it and why."""

from __future__ import annotations

from effmon import labels
from effmon.domain.inspection_calendar import FREQUENCIES
from effmon.domain.kinds import allowed_values
from effmon.errors import EffmonError

FIELDS = ("name", "description", "method", "frequency", "site_levels")


def checked_indicator(indicator: dict, actor: str, reason: str) -> dict:
    """The indicator_id and FIELDS of ``indicator`` as trimmed text, refused (the first
    problem is an error) without who and why, an id and a name, or with a frequency or
    site levels the catalog does not know."""
    if not actor.strip() or not reason.strip():
        raise EffmonError(labels.CATALOG["who_why"])
    checked = {f: str(indicator.get(f) or "").strip() for f in ("indicator_id", *FIELDS)}
    name = checked["indicator_id"] or "?"
    if not checked["indicator_id"] or not checked["name"]:
        raise EffmonError(labels.CATALOG["id_name"])
    if checked["frequency"] not in FREQUENCIES:
        raise EffmonError(
            labels.CATALOG["frequency"].format(
                indicator=name, value=checked["frequency"], allowed="、".join(FREQUENCIES)
            )
        )
    levels = [v for v in checked["site_levels"].split("|") if v]
    unknown = [v for v in levels if v not in allowed_values("site_level")]
    if not levels or unknown:
        raise EffmonError(
            labels.CATALOG["levels"].format(
                indicator=name,
                value=checked["site_levels"],
                allowed="、".join(allowed_values("site_level")),
            )
        )
    return checked


def unchanged(before: dict | None, after: dict) -> bool:
    """True when the stored indicator ``before`` (None: not stored) has the FIELDS of ``after``."""
    return before is not None and all((before[f] or "") == after[f] for f in FIELDS)
