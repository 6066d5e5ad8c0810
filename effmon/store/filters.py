"""Dimension filters shared by every query, turned into bound SQL conditions."""

from __future__ import annotations

from dataclasses import dataclass


def in_months(column: str) -> str:
    """SQL condition: ``column`` falls in the months of two 'YYYY-MM' parameters, the first
    and the last (inclusive)."""
    return (
        f"{column} >= strptime(?, '%Y-%m') AND {column} < strptime(?, '%Y-%m') + INTERVAL 1 MONTH"
    )


@dataclass(frozen=True)
class Filters:
    """The sidebar choice; an empty tuple means "all"."""

    levels: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()
    site_ids: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()

    @property
    def by_place(self) -> bool:
        """Filtered by site, street or site level: online cases (no site) are left out."""
        return bool(self.site_ids or self.streets or self.levels)

    def where(self, alias: str, *, site: bool = True, department: bool = True) -> tuple[str, list]:
        """SQL condition on table ``alias`` (with site_id, department columns) and its params.

        Site-level and street filters go through the sites table, so rows with no site (online
        cases) drop out as soon as a site dimension is filtered.
        """
        parts, params = ["TRUE"], []
        if site and self.site_ids:
            parts.append(f"{alias}.site_id IN (SELECT unnest(?))")
            params.append(list(self.site_ids))
        if site and (self.levels or self.streets):
            parts.append(
                f"{alias}.site_id IN (SELECT site_id FROM sites WHERE "
                "(len(?) = 0 OR level IN (SELECT unnest(?))) AND "
                "(len(?) = 0 OR street IN (SELECT unnest(?))))"
            )
            params += [list(self.levels), list(self.levels), list(self.streets), list(self.streets)]
        if department and self.departments:
            parts.append(f"{alias}.department IN (SELECT unnest(?))")
            params.append(list(self.departments))
        return " AND ".join(parts), params
