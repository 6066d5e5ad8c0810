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
    """The sidebar choice; an empty tuple means "all". ``districts`` (区县 codes) applies
    only to a city's lake, where every row carries its district."""

    districts: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()
    site_ids: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()

    @property
    def by_place(self) -> bool:
        """Filtered by site, street or site level: online cases (no site) are left out."""
        return bool(self.site_ids or self.streets or self.levels)

    def where(
        self, alias: str, *, site: bool = True, department: bool = True, lake: bool = False
    ) -> tuple[str, list]:
        """SQL condition on table ``alias`` (with site_id, department columns) and its params.

        Site-level and street filters go through the sites table, so rows with no site (online
        cases) drop out as soon as a site dimension is filtered. In a city's lake (``lake``)
        a site is known by its district and its code, and the district filter applies.
        """
        parts, params = ["TRUE"], []
        if lake and self.districts:
            parts.append(f"{alias}.district IN (SELECT unnest(?))")
            params.append(list(self.districts))
        if site and self.site_ids:
            parts.append(f"{alias}.site_id IN (SELECT unnest(?))")
            params.append(list(self.site_ids))
        if site and (self.levels or self.streets):
            chosen = [
                f"f.{column} IN (SELECT unnest(?))"
                for column, values in (("level", self.levels), ("street", self.streets))
                if values
            ]
            if lake:
                chosen.append(f"f.district = {alias}.district")
            parts.append(
                f"{alias}.site_id IN (SELECT f.site_id FROM sites f WHERE {' AND '.join(chosen)})"
            )
            params += [list(values) for values in (self.levels, self.streets) if values]
        if department and self.departments:
            parts.append(f"{alias}.department IN (SELECT unnest(?))")
            params.append(list(self.departments))
        return " AND ".join(parts), params
