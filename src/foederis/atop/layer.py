"""The coded ATOP layer: every ATOP 4.01 alliance as foederis treaties, below the curated KB.

``foederis import atop DIR`` reads the alliance- and member-level files (foederis.atop.read),
codes each alliance *phase* as one :class:`~foederis.model.treaty.Treaty` (id ``atop-<id>``,
or ``atop-<id>-p<phase>`` for alliances ATOP splits into phases) and writes them as JSON to
the layer file. The KB loader (foederis.kb.load_kb) reads that file as the lowest layer: a
curated treaty with the same ``atop_id`` replaces every coded phase of that alliance, so the
engine, ``allies``, the exports and the network all see one set of treaties and evaluate
coded ones through the same path as curated ones.

What is coded, and how (each fact is labelled "coded by ATOP 4.01", with the codebook as
its source):

* parties: one spell per member row (entry/exit; day-less dates widen to the whole month
  or year), mapped from COW codes to registry states on each day (365 is Russia, then the
  USSR, then Russia again), clipped to the days the state existed; what is clipped or
  cannot be mapped is listed in the layer's ``notes`` (never dropped silently);
* clauses: one per provision (defense, offense, neutrality, non-aggression, consultation)
  and group of members with the same member-level conditions; ``owed_by`` are the members
  ATOP codes with that provision (ATOP's directed dyads: the member with the obligation
  owes it to the other members), ``owed_to`` all members;
* member-level defense conditions on foederis's trigger model: ``defcoadv`` with a named
  threat (``statthr1/2``) -> ``adversaries``; ``defconpr`` -> ``provocation_voids``;
  ``defcoadv`` without a named state, ``defcoloc``, ``defcocon``, ``defconum``,
  ``defcodem`` and ``obvary`` -> ``unmodelled`` conditions, which make a verdict
  ``uncertain``; ``asymm`` is carried by the per-member ``owed_by``;
* years after ATOP 4.01's end (2016): a member still in at the end stays in through 2018
  where ATOP 5.1's dyad-years still show it with a partner of that alliance; the treaty's
  ``coverage_end`` is the last day the data cover (2018-12-31 at most). After it only the
  curated KB speaks; the engine calls a coded treaty's status there ``unknown``.

Where the layer lives: ``--atop FILE`` where a command takes it, else ``FOEDERIS_ATOP``
(``off`` disables it), else ``$XDG_DATA_HOME/foederis/atop-layer.json`` (default
``~/.local/share/foederis/atop-layer.json``) when that file exists. Without a layer
everything works on the built-in KB alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from foederis import states
from foederis.atop import ATOP_CITATION, CODEBOOK_URL
from foederis.atop.convention import MemberSpell, provision_bits, spell_from_json
from foederis.atop.paths import LAYER_ENV, LAYER_FORMAT, default_layer_path, layer_path
from foederis.atop.read import (
    ALLIANCE_FILE,
    ATOP4_LAST_DAY,
    DDYR_FILE,
    MEMBER_FILE,
    AtopData,
    DyadYears,
    Member,
    read_atop,
    read_dyad_years,
)
from foederis.errors import FoederisError, display_path

__all__ = [
    "CODED_BY",
    "LAYER_ENV",
    "LAYER_FORMAT",
    "CodedLayer",
    "LayerError",
    "build_layer",
    "default_layer_path",
    "import_atop",
    "layer_path",
    "read_layer",
    "write_layer",
]

CODED_BY = "ATOP 4.01"
SOURCE_ID = "atop-4.01"
DDYR_SOURCE_ID = "atop-5.1-ddyr"
DDYR_LAST_DAY = date(2018, 12, 31)
ONE_DAY = timedelta(days=1)

PROVISION_CLAUSES = {
    # ATOP variable: (clause type, strength, article words)
    "defense": ("defense", "military_support", "defense provision"),
    "offense": ("offense", "military_support", "offense provision"),
    "neutral": ("neutrality", "non_assistance", "neutrality provision"),
    "nonagg": ("non_aggression", "none", "non-aggression provision"),
    "consul": ("consultation", "consult", "consultation provision"),
}

UNMODELLED_TEXT = {
    "defcoadv": (
        "ATOP codes the defense obligation as limited to a specific adversary that its "
        "data do not name (defcoadv = 1)"
    ),
    "defcoloc": (
        "ATOP codes the defense obligation as limited to a location that its data do not "
        "name (defcoloc = 1)"
    ),
    "defcocon": (
        "ATOP codes the defense obligation as limited to a specific conflict that its data "
        "do not name (defcocon = 1)"
    ),
    "defconum": (
        "ATOP codes the defense obligation as depending on the number of attackers "
        "(defconum = 1); the number is not in its data"
    ),
    "defcodem": (
        "ATOP codes the defense obligation as conditional on the adversary refusing "
        "demands (defcodem = 1); the demands are not in its data"
    ),
    "obvary": (
        "ATOP codes this member's obligations as varying (obvary = 1), e.g. by partner; "
        "its data do not say toward whom"
    ),
}


class LayerError(FoederisError):
    """The layer file is missing, unreadable or from another format."""


@dataclass
class CodedLayer:
    """The coded treaties (as kb-format dicts) and what the import could not code."""

    treaties: list[dict[str, Any]]
    notes: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    # every member spell as ATOP codes it (foederis.atop.convention: the atop_* columns)
    members: list[MemberSpell] = field(default_factory=list)
    last_year: int = ATOP4_LAST_DAY.year  # the last year ATOP's coding covers

    def to_json(self) -> dict[str, Any]:
        return {
            "format": LAYER_FORMAT,
            "coded_by": CODED_BY,
            "citation": ATOP_CITATION,
            "files": self.files,
            "last_year": self.last_year,
            "treaties": self.treaties,
            "notes": self.notes,
            "members": [m.to_json() for m in self.members],
        }


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------


def _spell_dates(m: Member) -> tuple[date, date | None]:
    """(joined, left) with ``left`` exclusive; None when still a member at ATOP's end."""
    joined = m.entry.first()
    if m.exit is None:
        return joined, None
    if m.exit.precision == "day":
        return joined, m.exit.first()
    return joined, m.exit.last() + ONE_DAY


@cache
def _timeline(code: int) -> tuple[tuple[date, date, str], ...]:
    """Who holds COW ``code`` when: (from, until exclusive, state), covering all time. Before
    the first holder's spell the first holder is assumed (COW enters some states late, e.g.
    Hanover in 1837 though ATOP codes it from 1815), and a gap goes to the holder before it;
    existence (foederis.states) then decides which of those days count."""
    spans = sorted(
        (sp.start or date.min, (sp.end + ONE_DAY) if sp.end else date.max, st.iso3)
        for st in states.all_states()
        for sp in st.cow
        if sp.code == code
    )
    if not spans:
        return ()
    out: list[tuple[date, date, str]] = []
    for n, (a, b, state) in enumerate(spans):
        lo = date.min if n == 0 else a
        hi = spans[n + 1][0] if n + 1 < len(spans) else date.max
        out.append((lo, max(b, hi), state))
    return tuple(out)


def _holders(code: int, start: date, end: date) -> list[tuple[str, date, date]]:
    """Registry states holding COW ``code`` within [start, end): (state, from, until)."""
    out: list[tuple[str, date, date]] = []
    for a, b, state in _timeline(code):
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            if out and out[-1][0] == state and out[-1][2] == lo:
                out[-1] = (state, out[-1][1], hi)
            else:
                out.append((state, lo, hi))
    return out


def _existing(state: str, start: date, end: date) -> list[tuple[date, date]]:
    """Sub-spells of [start, end) on which ``state`` existed."""
    out = []
    for sp in states.get(state).spells:
        lo = max(start, sp.start or date.min)
        hi = min(end, (sp.end + ONE_DAY) if sp.end else date.max)
        if lo < hi:
            out.append((lo, hi))
    return out


def _ddyr_last_year(ddyr: DyadYears | None) -> dict[tuple[int, int], int]:
    """(ccode1, ccode2) -> last year after 2016 with any ATOP 5.1 provision."""
    last: dict[tuple[int, int], int] = {}
    if ddyr is None:
        return last
    for c1, c2, y, *flags in zip(
        ddyr.ccode1,
        ddyr.ccode2,
        ddyr.year,
        ddyr.atop_defense,
        ddyr.atop_offense,
        ddyr.atop_neutral,
        ddyr.atop_nonagg,
        ddyr.atop_consul,
        strict=True,
    ):
        if y > ATOP4_LAST_DAY.year and any(flags) and y > last.get((c1, c2), 0):
            last[(c1, c2)] = y
    return last


def _date_text(m: Member) -> str:
    return f"{m.entry} to {m.exit if m.exit else 'the end of ATOP 4.01'}"


def build_layer(data: AtopData, ddyr: DyadYears | None = None) -> CodedLayer:
    """Code every alliance phase of ``data`` as a kb-format treaty dict."""
    after = _ddyr_last_year(ddyr)
    by_phase: dict[tuple[int, int], list[Member]] = defaultdict(list)
    for m in data.members:
        by_phase[(m.atopid, m.phase)].append(m)
    layer = CodedLayer(treaties=[])
    if ddyr is not None:
        layer.last_year = DDYR_LAST_DAY.year
    for (atopid, phase), rows in sorted(by_phase.items()):
        alliance = data.alliances[atopid]
        treaty = _code_phase(
            atopid, phase, rows, alliance.maxphase, after, layer.notes, ddyr, layer.members
        )
        if treaty is not None:
            layer.treaties.append(treaty)
    return layer


def _code_phase(
    atopid: int,
    phase: int,
    rows: list[Member],
    maxphase: int,
    after: Mapping[tuple[int, int], int],
    notes: list[dict[str, Any]],
    ddyr: DyadYears | None,
    spells: list[MemberSpell],
) -> dict[str, Any] | None:
    tid = f"atop-{atopid}" if phase == 0 else f"atop-{atopid}-p{phase}"
    codes_in = sorted({m.member for m in rows})

    def note(kind: str, text: str, member: int | None = None) -> None:
        notes.append(
            {"treaty": tid, "atop_id": atopid, "kind": kind, "member": member, "text": text}
        )

    parties: list[dict[str, Any]] = []
    state_of: dict[int, set[str]] = defaultdict(set)
    spells_of: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    coverage_end = ATOP4_LAST_DAY
    for m in rows:
        joined, left = _spell_dates(m)
        if left is None:
            partners = [o.member for o in rows if o.member != m.member]
            years = [after.get((m.member, p), 0) for p in partners]
            last = max(years, default=0) if ddyr is not None else 0
            if last >= ATOP4_LAST_DAY.year + 1:
                coverage_end = max(coverage_end, date(last, 12, 31))
                left = date(last + 1, 1, 1) if last < DDYR_LAST_DAY.year else None
            elif ddyr is not None:
                left = ATOP4_LAST_DAY + ONE_DAY
                note(
                    "ended_by_ddyr",
                    f"COW {m.member}: in at the end of ATOP 4.01 but in no ATOP 5.1 dyad-year "
                    f"of this alliance after {ATOP4_LAST_DAY.year}",
                    m.member,
                )
        end = left or (DDYR_LAST_DAY + ONE_DAY if ddyr is not None else ATOP4_LAST_DAY + ONE_DAY)
        bits = provision_bits((m.defense, m.offense, m.neutral, m.nonagg, m.consul))
        spells.append(MemberSpell(atopid, phase, m.member, joined, end, bits, m.cowsys))
        holders = _holders(m.member, joined, end)
        if not holders:
            note(
                "unmapped_member",
                f"COW {m.member} ({_date_text(m)}) is not a state of the COW system foederis "
                "knows on those days; this member is not coded",
                m.member,
            )
            continue
        alive = sum((hi - lo).days for st, a, b in holders for lo, hi in _existing(st, a, b))
        if alive < (end - joined).days:
            note(
                "outside_existence",
                f"COW {m.member}: member {_date_text(m)}, but the state existed on only "
                f"{alive} of those {(end - joined).days} days (foederis.states); coded on "
                "those days only",
                m.member,
            )
        for state, a, b in holders:
            for lo, hi in _existing(state, a, b):
                is_open = hi >= end and left is None
                src = [SOURCE_ID] + ([DDYR_SOURCE_ID] if m.exit is None and ddyr else [])
                parties.append(
                    {
                        "state": state,
                        "joined": lo.isoformat(),
                        "left": None if is_open else hi.isoformat(),
                        "sources": src,
                        "note": (
                            f"coded by {CODED_BY}: {MEMBER_FILE} line {m.line}, member "
                            f"{m.member}, phase {m.phase}, entry {m.entry}"
                            + (f", exit {m.exit}" if m.exit else ", still in at the end")
                            + (
                                f" (dates to the {m.entry.precision})"
                                if m.entry.precision != "day"
                                else ""
                            )
                        ),
                    }
                )
                state_of[m.member].add(state)
                spells_of[m.member].append((lo, None if is_open else hi))
    if not parties:
        note("no_parties", "no member of this phase could be coded")
        return None
    in_force = min(date.fromisoformat(p["joined"]) for p in parties)
    lefts = [p["left"] for p in parties]
    ended = None if any(x is None for x in lefts) else max(date.fromisoformat(x) for x in lefts)
    clauses = _clauses(tid, rows, state_of, note)
    names = [states.get(s).name for s in sorted({s for v in state_of.values() for s in v})]
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    phase_text = f", phase {phase} of {maxphase}" if phase else ""
    return {
        "id": tid,
        "name": f"ATOP alliance {atopid}{phase_text}: {shown} ({in_force.year})",
        "short_name": f"ATOP {atopid}" + (f"/{phase}" if phase else ""),
        "kind": "alliance",
        "atop_id": atopid,
        "in_force": in_force.isoformat(),
        "ended": ended.isoformat() if ended else None,
        "coded_by": CODED_BY,
        "coverage_end": coverage_end.isoformat(),
        "summary": (
            f"Coded by {CODED_BY} from its member-level file (not curated): members "
            f"{', '.join(map(str, codes_in))} (COW codes)."
        ),
        "sources": [
            {
                "id": SOURCE_ID,
                "kind": "research_data",
                "url": CODEBOOK_URL,
                "title": "ATOP 4.01 data and codebook",
                "publisher": "Alliance Treaty Obligations and Provisions project",
                "note": ATOP_CITATION,
            },
            {
                "id": DDYR_SOURCE_ID,
                "kind": "research_data",
                "url": CODEBOOK_URL,
                "title": "ATOP 5.1 directed dyad-year data (years after 2016)",
                "publisher": "Alliance Treaty Obligations and Provisions project",
            },
        ],
        "parties": parties,
        "clauses": clauses,
    }


def _clauses(
    tid: str,
    rows: list[Member],
    state_of: Mapping[int, set[str]],
    note: Any,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    everyone = sorted({s for v in state_of.values() for s in v})
    for var, (ctype, strength, article) in PROVISION_CLAUSES.items():
        bound = [m for m in rows if m.codes.get(var) == 1 and m.member in state_of]
        if not bound:
            continue
        groups: dict[tuple[Any, ...], list[Member]] = defaultdict(list)
        for m in bound:
            groups[_signature(m) if var == "defense" else ()].append(m)
        for n, (sig, ms) in enumerate(sorted(groups.items(), key=lambda kv: str(kv[0]))):
            owed_by = sorted({s for m in ms for s in state_of[m.member]})
            trigger, conds = _trigger(ms[0]) if var == "defense" else ({}, [])
            cid = var if len(groups) == 1 else f"{var}-{n + 1}"
            coded = ", ".join(f"{c} = 1" for c in conds) or "no member-level condition"
            out.append(
                {
                    "id": cid,
                    "article": article,
                    "type": ctype,
                    "coded_by": CODED_BY,
                    "sources": [SOURCE_ID],
                    "trigger": trigger,
                    "obligation": {
                        "owed_by": "all" if owed_by == everyone else owed_by,
                        "owed_to": "all",
                        "strength": strength,
                    },
                    "note": (
                        f"coded by {CODED_BY}: {var} = 1 for COW "
                        f"{', '.join(str(m.member) for m in ms)}; {coded}"
                    ),
                }
            )
            del sig
    if not out:
        note("no_provision", "no member has a provision foederis codes")
    return out


def _signature(m: Member) -> tuple[Any, ...]:
    return (*m.defense_conditions(), m.obvary, m.statthr if m.defcoadv else ())


def _trigger(m: Member) -> tuple[dict[str, Any], list[str]]:
    trigger: dict[str, Any] = {}
    unmodelled: list[dict[str, str]] = []
    conds = list(m.defense_conditions())
    if m.defcoadv:
        day = m.entry.first()
        named = [states.iso3_from_cow(c, day) for c in m.statthr]
        known = sorted({n for n in named if n is not None})
        if known:
            trigger["adversaries"] = known
        else:
            unmodelled.append({"code": "defcoadv", "text": UNMODELLED_TEXT["defcoadv"]})
    if m.defconpr:
        trigger["provocation_voids"] = True
    for code in ("defcoloc", "defcocon", "defconum", "defcodem"):
        if m.codes.get(code) == 1:
            unmodelled.append({"code": code, "text": UNMODELLED_TEXT[code]})
    if m.obvary:
        conds.append("obvary")
        unmodelled.append({"code": "obvary", "text": UNMODELLED_TEXT["obvary"]})
    if unmodelled:
        trigger["unmodelled"] = unmodelled
    return trigger, conds


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def import_atop(folder: Path) -> CodedLayer:
    """Read the ATOP files in ``folder`` and code them (the 5.1 dyad-year file is optional:
    without it, coded treaties end at ATOP 4.01's last day)."""
    data = read_atop(folder)
    ddyr_path = folder / DDYR_FILE
    ddyr = read_dyad_years(ddyr_path) if ddyr_path.is_file() else None
    layer = build_layer(data, ddyr)
    names = [ALLIANCE_FILE, MEMBER_FILE] + ([DDYR_FILE] if ddyr is not None else [])
    layer.files = {n: _sha256(folder / n) for n in names}
    _validate(layer)
    return layer


def _validate(layer: CodedLayer) -> None:
    """Every coded treaty must pass the same model validation as a treaty file."""
    from pydantic import TypeAdapter, ValidationError

    from foederis.model.treaty import Treaty

    adapter = TypeAdapter(Treaty)
    for t in layer.treaties:
        try:
            adapter.validate_python(t)
        except ValidationError as exc:  # a bug in the coding, not in the user's files
            raise LayerError(f"coded treaty {t['id']} is invalid: {exc}") from None


def write_layer(layer: CodedLayer, path: Path) -> None:
    """Write atomically (temp file + rename): a killed import leaves the old layer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".atop-layer-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(layer.to_json(), f, ensure_ascii=False, separators=(",", ":"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_layer(path: Path) -> tuple[list[Any], dict[str, Any]]:
    """The coded treaties of a layer file as validated Treaty objects, and the file's header
    (format, files, notes)."""
    from pydantic import TypeAdapter, ValidationError

    from foederis.model.treaty import Treaty

    hint = "re-create it with `foederis import atop DIR` (or set FOEDERIS_ATOP=off)"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LayerError(f"{display_path(path)}: ATOP layer not found", hint) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LayerError(f"{display_path(path)}: not a readable ATOP layer ({exc})", hint) from None
    if not isinstance(raw, dict) or raw.get("format") != LAYER_FORMAT:
        raise LayerError(f"{display_path(path)}: not an ATOP layer of format {LAYER_FORMAT}", hint)
    adapter = TypeAdapter(list[Treaty])
    try:
        treaties = adapter.validate_python(raw.get("treaties"))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LayerError(f"{display_path(path)}: treaties.{where}: {first['msg']}", hint) from None
    header = {k: v for k, v in raw.items() if k != "treaties"}
    header["members"] = _members(raw.get("members"), path, hint)
    last = raw.get("last_year")
    if not isinstance(last, int) or isinstance(last, bool) or not 1815 <= last <= 2100:
        raise LayerError(f"{display_path(path)}: last_year: not a year", hint)
    return treaties, header


def _members(rows: object, path: Path, hint: str) -> list[MemberSpell]:
    """The layer's ``members`` (foederis.atop.convention.MemberSpell as JSON lists)."""
    if not isinstance(rows, list):
        raise LayerError(f"{display_path(path)}: members: not a list", hint)
    out: list[MemberSpell] = []
    for i, row in enumerate(rows):
        try:
            if not isinstance(row, list) or len(row) != 7:
                raise ValueError("expected [atopid, phase, ccode, start, until, bits, cowsys]")
            spell = spell_from_json(row)
            if spell.until <= spell.start or not 0 <= spell.bits < 32:
                raise ValueError("empty spell or provision bits out of range")
        except (TypeError, ValueError) as exc:
            raise LayerError(f"{display_path(path)}: members.{i}: {exc}", hint) from None
        out.append(spell)
    return out


def curated_atop_ids(treaties: Iterable[Any]) -> set[int]:
    return {t.atop_id for t in treaties if t.atop_id is not None and t.coded_by is None}
