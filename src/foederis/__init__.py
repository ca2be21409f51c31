"""foederis: who is bound to come to a state's aid, under which treaty article.

Python API (imports are lazy so that the command line starts fast):

    from foederis import load_kb, check, cascade, Scenario
    result = check(Scenario(attacker=["PRK"], target="KOR", date="2010-11-23"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = ["Scenario", "__version__", "cascade", "check", "load_kb"]

if TYPE_CHECKING:
    from foederis.engine.cascade import cascade
    from foederis.engine.check import check
    from foederis.kb import load_kb
    from foederis.model.scenario import Scenario


def __getattr__(name: str) -> Any:
    if name == "load_kb":
        from foederis.kb import load_kb

        return load_kb
    if name == "check":
        from foederis.engine.check import check

        return check
    if name == "cascade":
        from foederis.engine.cascade import cascade

        return cascade
    if name == "Scenario":
        from foederis.model.scenario import Scenario

        return Scenario
    raise AttributeError(name)
