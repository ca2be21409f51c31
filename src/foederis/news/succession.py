"""Which code names a state on a day: Russia is the Soviet Union's continuation, so a
1961 treaty "between Russia and North Korea" is one between SUN and PRK.

The succession facts live in ``states.yaml`` (``foederis.states.continuations``); this
module only applies them to news claims.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from foederis import states


def same_person(code: str) -> tuple[str, ...]:
    """The codes that are one legal person with ``code`` (``RUS`` -> ``RUS``, ``SUN``)."""
    return states.continuations(code) if states.is_known(code) else (code,)


def is_among(code: str, codes: Collection[str]) -> bool:
    return any(c in codes for c in same_person(code))


def as_of(code: str, day: date | None, among: Collection[str] = ()) -> str:
    """The code of ``code``'s legal person on ``day``: the one among ``among`` (a treaty's
    parties) if exactly one is, else the one that existed on ``day``, else ``code``."""
    options = same_person(code)
    if len(options) == 1:
        return code
    if among:
        inside = [c for c in options if c in among]
        if len(inside) == 1:
            return inside[0]
        options = tuple(inside) or options
    if day is not None:
        alive = [c for c in options if states.exists(c, day)]
        if alive:
            return code if code in alive else alive[0]
    return code
