"""Where an attack happened, and whether that place lies inside a clause's area.

A place is either the home (metropolitan) territory of a state, written as its ISO3 code,
or a gazetteer area id. Its *footprint* is the set of area refs it lies inside (fully) and
the set it lies partly inside; both are computed once per place and cached.
"""

from __future__ import annotations

from datetime import date

from foederis.model.area import Area
from foederis.model.enums import Verdict
from foederis.model.record import record


@record(frozen=True, slots=True)
class Footprint:
    """What a place is: whose home territory, who holds it, and the areas it lies (partly)
    within."""

    place: str
    home_of: str | None  # ISO3 if the place is a state's home territory
    held_by: str | None  # state holding the place (home_of for homes)
    inside: frozenset[str]
    partly: frozenset[str]


class Places:
    def __init__(self, areas: dict[str, Area]) -> None:
        self.areas = areas
        self._cache: dict[str, Footprint] = {}
        self._homes_in: dict[str, set[str]] = {}
        self._homes_partly_in: dict[str, set[str]] = {}
        for area in areas.values():
            for code in area.contains_home_of:
                self._homes_in.setdefault(code, set()).add(area.id)
            for code in area.partly_contains_home_of:
                self._homes_partly_in.setdefault(code, set()).add(area.id)

    def _up(self, start: set[str]) -> set[str]:
        """Transitive closure over `within`."""
        seen: set[str] = set()
        stack = list(start)
        while stack:
            a = stack.pop()
            if a in seen or a not in self.areas:
                continue
            seen.add(a)
            stack.extend(self.areas[a].within)
        return seen

    def footprint(self, place: str) -> Footprint:
        fp = self._cache.get(place)
        if fp is not None:
            return fp
        if place in self.areas:
            area = self.areas[place]
            inside = self._up({place})
            partly_start = {p for a in inside for p in self.areas[a].partly_within}
            partly = self._up(partly_start) - inside
            fp = Footprint(place, None, area.held_by, frozenset(inside), frozenset(partly))
        else:  # a state's home territory
            inside = self._up(self._homes_in.get(place, set())) | {place}
            partly = self._up(self._homes_partly_in.get(place, set())) - inside
            fp = Footprint(place, place, place, frozenset(inside), frozenset(partly))
        self._cache[place] = fp
        return fp

    def match(self, fp: Footprint, ref: str, protected: str) -> Verdict:
        """Is the place inside the clause's area ``ref`` (for a clause protecting
        ``protected``)?"""
        if ref == "anywhere":
            return Verdict.met
        if ref == "party_home":
            return Verdict.met if fp.home_of == protected else Verdict.failed
        if ref == "party_territory":
            return Verdict.met if fp.held_by == protected else Verdict.failed
        if ref in fp.inside:
            return Verdict.met
        if ref in fp.partly:
            return Verdict.unknown
        return Verdict.failed

    def holding(self, fp: Footprint, day: date) -> tuple[str | None, tuple[str, ...]]:
        """Who holds the place on ``day``, and who disputes that holder's sovereignty."""
        if fp.home_of is not None:
            return fp.home_of, ()
        area = self.areas[fp.place]
        h = area.holding_on(day)
        return h.state, tuple(h.disputed_by)

    def match_on(
        self, fp: Footprint, ref: str, protected: str, day: date
    ) -> tuple[Verdict, str | None, tuple[str, ...]]:
        """``match`` on a day, for refs that depend on who holds the place: (verdict, the
        holder, the states disputing its sovereignty). A place the protected party holds
        under dispute, or claims while another holds it, is ``unknown`` for
        ``party_territory``: the verdict turns on the disputed holder."""
        if ref != "party_territory":
            return self.match(fp, ref, protected), None, ()
        holder, disputed_by = self.holding(fp, day)
        if holder == protected:
            return Verdict.met, holder, disputed_by
        if protected in disputed_by:
            return Verdict.unknown, holder, disputed_by
        return Verdict.failed, holder, disputed_by

    def area_text(self, ref: str) -> str:
        if ref == "party_home":
            return "the party's home territory"
        if ref == "party_territory":
            return "any territory the party holds"
        if ref == "anywhere":
            return "anywhere"
        if ref in self.areas:
            return self.areas[ref].name
        from foederis import states

        name = states.get(ref).name if states.is_known(ref) else ref
        return f"{name}'s home territory"

    def name(self, place: str) -> str:
        if place in self.areas:
            return self.areas[place].name
        from foederis import states

        return f"{states.get(place).name} (home territory)" if states.is_known(place) else place
