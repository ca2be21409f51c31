"""foederis: who is bound to come to a state's aid, under which treaty article.

Python API (imports are lazy so that the command line starts fast):

    from foederis import Scenario, check, allies, history, load_kb
    result = check(Scenario(attacker=["PRK"], target="KOR", date="2010-11-23"))
    result.summary().headline   # 'United States (USA) is bound under ... Art. III; ...'
    allies(load_kb(), "POL", date(2025, 1, 1))          # who owes Poland a defense duty
    history(load_kb(), "PHL", 1950, 2025)                # who protected it, year by year
    citations_markdown(result)                           # the answer with numbered footnotes

Every error a user can cause is a ``FoederisError`` (message + hint).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

#: public name -> module that defines it (imported on first use)
_EXPORTS = {
    "Scenario": "foederis.model.scenario",
    "KnowledgeBase": "foederis.kb",
    "load_kb": "foederis.kb",
    "check": "foederis.engine.check",
    "CheckResult": "foederis.engine.check",
    "Obligation": "foederis.engine.check",
    "cascade": "foederis.engine.cascade",
    "CascadeResult": "foederis.engine.cascade",
    "Summary": "foederis.engine.summary",
    "allies": "foederis.exports.obligations",
    "directed_obligations": "foederis.exports.obligations",
    "DirectedObligation": "foederis.exports.obligations",
    "create_dyad_years": "foederis.exports.dyads",
    "history": "foederis.exports.history",
    "citations_markdown": "foederis.exports.citations",
    "citations_csv": "foederis.exports.citations",
    "FoederisError": "foederis.errors",
}

__all__ = [
    "CascadeResult",
    "CheckResult",
    "DirectedObligation",
    "FoederisError",
    "KnowledgeBase",
    "Obligation",
    "Scenario",
    "Summary",
    "__version__",
    "allies",
    "cascade",
    "check",
    "citations_csv",
    "citations_markdown",
    "create_dyad_years",
    "directed_obligations",
    "history",
    "load_kb",
]

if TYPE_CHECKING:
    from foederis.engine.cascade import CascadeResult, cascade
    from foederis.engine.check import CheckResult, Obligation, check
    from foederis.engine.summary import Summary
    from foederis.errors import FoederisError
    from foederis.exports.citations import citations_csv, citations_markdown
    from foederis.exports.dyads import create_dyad_years
    from foederis.exports.history import history
    from foederis.exports.obligations import DirectedObligation, allies, directed_obligations
    from foederis.kb import KnowledgeBase, load_kb
    from foederis.model.scenario import Scenario


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'foederis' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
