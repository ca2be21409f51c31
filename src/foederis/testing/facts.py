"""Fact tables: reviewable YAML rows that state what the KB records about a treaty.

A fact file (``tests/facts/*.yaml``) has a top-level ``facts:`` list and optional
``sources:`` (id, url) for facts that rest on no source of the treaty file (ATOP ids). Each
row names a ``treaty``, the ``sources`` behind the row (ids of sources recorded in that
treaty's file, or in the fact file), and the facts to check, all optional:

- treaty fields: ``signed``, ``in_force``, ``in_force_by``, ``ended``, ``atop_id``, ``kind``,
  ``superseded_by`` (``null`` asserts "unknown / none"), ``is_defense``, ``clause_strengths``
  (the set over all clauses), ``disputed_include`` (fields with a recorded other reading);
- parties: ``parties`` (exact set of states ever party), ``parties_include``,
  ``parties_exclude``;
- membership on a day: ``date`` (not ``on``: a bare ``on:`` is ``true`` in YAML 1.1) with
  ``members`` (exact set), ``members_include``, ``members_exclude`` or ``member_count``;
- one party's spell: ``party`` with ``joined``, ``left``, ``left_known``, ``disputed`` (exact
  set of disputed fields); the party must have exactly one spell unless ``spell: N`` says which;
- a clause: ``clause`` (id) with ``article``, ``type``, ``strength``, ``owed_by``, ``owed_to``,
  ``text: null`` (unpublished), ``text_contains`` (phrases), ``event``, ``non_state``, ``areas``
  (exact set over the scope), ``areas_include``, ``assets_include``;
- a record: ``invocation``, ``interpretation`` or ``suspension``, a mapping of its values
  (see ``_RECORD_KEYS``): with ``id`` that record has them; without, some record has them all,
  or exactly ``count`` records do.

``check_row`` returns one message per fact that does not hold; the pytest plugin and
``foederis test`` report them with the file and row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from foederis.errors import KBValidationError, Problem
from foederis.kb import KnowledgeBase
from foederis.kb.yamlfile import read_yaml

_UNSET: Any = object()


class FactRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    treaty: str
    sources: list[str] = Field(min_length=1)
    note: str | None = None
    signed: date | None = _UNSET
    in_force: date | None = _UNSET
    in_force_by: date | None = _UNSET
    ended: date | None = _UNSET
    atop_id: int | None = _UNSET
    kind: str = _UNSET
    superseded_by: str | None = _UNSET
    is_defense: bool = _UNSET
    clause_strengths: list[str] | None = None
    disputed_include: list[str] = Field(default_factory=list)
    parties: list[str] | None = None
    parties_include: list[str] = Field(default_factory=list)
    parties_exclude: list[str] = Field(default_factory=list)
    # ``date:`` in the file (a bare ``on:`` key is the boolean true in YAML 1.1)
    on: date | None = Field(default=None, alias="date")
    members: list[str] | None = None
    members_include: list[str] = Field(default_factory=list)
    members_exclude: list[str] = Field(default_factory=list)
    member_count: int | None = None
    party: str | None = None
    spell: int | None = None
    joined: date | None = _UNSET
    left: date | None = _UNSET
    left_known: bool | None = None
    disputed: list[str] | None = None
    clause: str | None = None
    article: str = _UNSET
    type: str = _UNSET
    strength: str = _UNSET
    owed_by: str | list[str] = _UNSET
    text_contains: list[str] = Field(default_factory=list)
    owed_to: str | list[str] = _UNSET
    text: None = _UNSET
    event: str = _UNSET
    non_state: bool | None = _UNSET
    areas: list[str] | None = None
    areas_include: list[str] = Field(default_factory=list)
    assets_include: list[str] = Field(default_factory=list)
    invocation: dict[str, Any] | None = None
    interpretation: dict[str, Any] | None = None
    suspension: dict[str, Any] | None = None

    def given(self, name: str) -> bool:
        return getattr(self, name) is not _UNSET


_TREATY_FIELDS = ("signed", "in_force", "in_force_by", "ended", "atop_id", "kind", "superseded_by")
_CLAUSE_FIELDS = ("article", "type", "strength", "owed_by", "owed_to", "text", "event", "non_state")
#: the keys a record spec (``invocation:``, ``interpretation:``, ``suspension:``) may use
_RECORD_KEYS = {
    "invocation": {"id", "clause", "date", "by", "event", "outcome", "ended", "count"},
    "interpretation": {
        "id",
        "clause",
        "date",
        "by",
        "effect",
        "status",
        "provocation_voids",
        "adds_area",
        "adds_asset",
        "count",
    },
    "suspension": {
        "kind",
        "by",
        "toward",
        "by_includes",
        "toward_includes",
        "since",
        "until",
        "count",
    },
}


@dataclass
class FactCase:
    file: str
    line: int | None
    index: int
    row: FactRow
    #: the file's own ``sources:`` (id -> url), for facts not from a treaty's sources (ATOP ids)
    file_sources: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        record = next(
            (k for k in ("invocation", "interpretation", "suspension") if getattr(self.row, k)),
            None,
        )
        what = (
            f"{record} {getattr(self.row, record).get('id', '')}".rstrip()
            if record
            else f"clause {self.row.clause}"
            if self.row.clause
            else f"party {self.row.party}"
            if self.row.party
            else f"on {self.row.on}"
            if self.row.on
            else "treaty"
        )
        return f"facts[{self.index}] {self.row.treaty} {what}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line or '?'}: facts[{self.index}] ({self.row.treaty})"


def is_fact_file(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return head.startswith("facts:") or "\nfacts:" in head


def load_fact_file(path: Path) -> list[FactCase]:
    doc = read_yaml(path)
    if doc.problems:
        raise KBValidationError(doc.problems)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise KBValidationError([Problem(doc.file, 1, "facts", "expected a list `facts:`")])
    problems: list[Problem] = []
    file_sources: dict[str, str] = {}
    extra = sorted(set(data) - {"facts", "sources"})
    if extra:
        problems.append(Problem(doc.file, 1, extra[0], "unknown top-level key (facts, sources)"))
    for j, src in enumerate(data.get("sources") or []):
        if not (isinstance(src, dict) and isinstance(src.get("id"), str) and src.get("url")):
            problems.append(
                Problem(doc.file, doc.line_of(("sources", j)), f"sources.{j}", "needs id and url")
            )
        else:
            file_sources[src["id"]] = str(src["url"])
    out: list[FactCase] = []
    for i, raw in enumerate(data["facts"]):
        line = doc.line_of(("facts", i))
        try:
            row = FactRow.model_validate(raw)
        except ValidationError as exc:
            for e in exc.errors():
                loc = ("facts", i, *e["loc"])
                problems.append(
                    Problem(doc.file, doc.line_of(loc), ".".join(map(str, loc)), str(e["msg"]))
                )
            continue
        mixed = _shape_problem(row)
        if mixed:
            problems.append(Problem(doc.file, line, f"facts.{i}", mixed))
            continue
        out.append(FactCase(doc.file, line, i, row, file_sources))
    if problems:
        raise KBValidationError(problems)
    return out


def _shape_problem(row: FactRow) -> str | None:
    for kind, keys in _RECORD_KEYS.items():
        spec = getattr(row, kind)
        if spec is not None and (bad := sorted(set(spec) - keys)):
            return f"{kind}: unknown key(s) {bad}; allowed: {sorted(keys)}"
    has_members = (
        row.members is not None
        or row.members_include
        or row.members_exclude
        or row.member_count is not None
    )
    if has_members and row.on is None:
        return "members/members_include/members_exclude need `date` (the day)"
    party_facts = row.left_known is not None or row.disputed is not None or row.spell is not None
    if (row.given("joined") or row.given("left") or party_facts) and row.party is None:
        return "joined/left/left_known/disputed/spell need `party` (the state)"
    clause_facts = (
        bool(row.text_contains or row.areas_include or row.assets_include)
        or row.areas is not None
        or any(row.given(f) for f in _CLAUSE_FIELDS)
    )
    if clause_facts and row.clause is None:
        return (
            "article/type/strength/owed_by/owed_to/text/text_contains/event/non_state/"
            "areas/areas_include/assets_include need `clause`"
        )
    return None


def _fmt(value: Any) -> str:
    if isinstance(value, (set, frozenset, list)):
        return "[" + ", ".join(sorted(map(str, value))) + "]"
    return "null" if value is None else str(getattr(value, "value", value))


def check_row(case: FactCase, kb: KnowledgeBase) -> list[str]:
    """The facts of one row that the KB contradicts, one message each (empty = all hold)."""
    row = case.row
    t = kb.treaties.get(row.treaty)
    if t is None:
        return [f"treaty: no treaty {row.treaty!r} in the KB"]
    problems: list[str] = []
    known = {s.id for s in t.sources}
    unknown = [s for s in row.sources if s not in known and s not in case.file_sources]
    if unknown:
        problems.append(
            f"sources: {unknown} are neither sources of {row.treaty} (it records "
            f"{sorted(known)}) nor in the file's `sources:`"
        )

    def expect(field: str, want: Any, got: Any) -> None:
        got_v = getattr(got, "value", got)
        if isinstance(want, list):
            want, got_v = set(want), set(got_v)
        if want != got_v:
            problems.append(f"{field}: the table says {_fmt(want)}, the KB says {_fmt(got_v)}")

    for f in _TREATY_FIELDS:
        if row.given(f):
            expect(f, getattr(row, f), getattr(t, f))
    if row.given("is_defense"):
        expect("is_defense", row.is_defense, t.is_defense())
    if row.clause_strengths is not None:
        expect("clause_strengths", row.clause_strengths, {c.obligation.strength for c in t.clauses})
    if missing := set(row.disputed_include) - {d.field for d in t.disputed}:
        problems.append(f"disputed_include: no disputed reading recorded for {_fmt(missing)}")
    states = t.states()
    if row.parties is not None:
        expect("parties", row.parties, states)
    if missing := set(row.parties_include) - states:
        problems.append(f"parties_include: {_fmt(missing)} not parties of {row.treaty}")
    if extra := set(row.parties_exclude) & states:
        problems.append(f"parties_exclude: {_fmt(extra)} are parties of {row.treaty}")
    if row.on is not None:
        members = t.members_on(row.on)
        if row.members is not None:
            expect(f"members on {row.on}", row.members, members)
        if missing := set(row.members_include) - members:
            problems.append(f"members_include: {_fmt(missing)} not members on {row.on}")
        if extra := set(row.members_exclude) & members:
            problems.append(f"members_exclude: {_fmt(extra)} are members on {row.on}")
        if row.member_count is not None:
            expect(f"member_count on {row.on}", row.member_count, len(members))
    if row.party is not None:
        spells = t.spells(row.party)
        if row.spell is None and len(spells) != 1:
            problems.append(
                f"party: {row.party} has {len(spells)} spells in {row.treaty}, not one "
                "(say which with `spell: N`, counting from 0)"
            )
        elif row.spell is not None and len(spells) <= row.spell:
            problems.append(f"party: {row.party} has {len(spells)} spell(s) in {row.treaty}")
        else:
            sp = spells[row.spell or 0]
            for f in ("joined", "left"):
                if row.given(f):
                    expect(f"{row.party} {f}", getattr(row, f), getattr(sp, f))
            if row.left_known is not None:
                expect(f"{row.party} left_known", row.left_known, sp.left is not None)
            if row.disputed is not None:
                expect(f"{row.party} disputed", row.disputed, {d.field for d in sp.disputed})
    if row.clause is not None:
        try:
            c = t.clause(row.clause)
        except KeyError:
            return [*problems, f"clause: {row.treaty} has no clause {row.clause!r}"]
        pre = f"clause {row.clause} "
        if row.given("article"):
            expect(pre + "article", row.article, c.article)
        if row.given("type"):
            expect(pre + "type", row.type, c.type)
        if row.given("strength"):
            expect(pre + "strength", row.strength, c.obligation.strength)
        if row.given("owed_by"):
            expect(pre + "owed_by", row.owed_by, c.obligation.owed_by)
        if row.given("owed_to"):
            expect(pre + "owed_to", row.owed_to, c.obligation.owed_to)
        if row.given("text"):
            expect(pre + "text", row.text, c.text)
        areas = {a for sc in c.trigger.scope for a in sc.areas}
        if row.areas is not None:
            expect(pre + "areas", row.areas, areas)
        if missing := set(row.areas_include) - areas:
            problems.append(f"{pre}areas_include: {_fmt(missing)} not in the scope")
        assets = {
            a.value if hasattr(a, "value") else a for sc in c.trigger.scope for a in sc.assets
        }
        if missing := set(row.assets_include) - assets:
            problems.append(f"{pre}assets_include: {_fmt(missing)} not in the scope")
        if row.given("event"):
            expect(pre + "event", row.event, c.trigger.event)
        if row.given("non_state"):
            expect(pre + "non_state", row.non_state, c.trigger.non_state)
        for phrase in row.text_contains:
            if phrase not in (c.text or ""):
                problems.append(f"{pre}text: does not contain {phrase!r}")
    problems += _check_record("invocation", row.invocation, t.invocations)
    problems += _check_record("interpretation", row.interpretation, t.interpretations)
    problems += _check_record("suspension", row.suspension, t.suspensions)
    return problems


def _norm(value: Any) -> Any:
    value = getattr(value, "value", value)
    if isinstance(value, date):  # the YAML reader gives record specs' dates as text
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(_norm(v) for v in value)
    return value


def _matches(rec: Any, key: str, want: Any) -> bool:
    if key in ("by_includes", "toward_includes"):
        got = getattr(rec, key.removesuffix("_includes"))
        wanted = want if isinstance(want, list) else [want]
        return got != "all" and {_norm(w) for w in wanted} <= {_norm(g) for g in got}
    return bool(_norm(getattr(rec, key)) == _norm(want))


def _adds(rec: Any, spec: dict[str, Any]) -> bool:
    area, asset = spec.get("adds_area"), spec.get("adds_asset")
    if area is None and asset is None:
        return True
    return any(
        (area is None or area in sc.areas)
        and (asset is None or asset in {_norm(a) for a in sc.assets})
        for sc in rec.add_scope
    )


def _check_record(kind: str, spec: dict[str, Any] | None, records: list[Any]) -> list[str]:
    """A record spec: with ``id``, that record has the other values; without, some record (or
    exactly ``count`` records) has them all."""
    if spec is None:
        return []
    fields = {k: v for k, v in spec.items() if k not in ("id", "count", "adds_area", "adds_asset")}
    pool = records
    if "id" in spec:
        pool = [r for r in records if r.id == spec["id"]]
        if not pool:
            return [
                f"{kind}: no {kind} with id {spec['id']!r} (the KB has {[r.id for r in records]})"
            ]
        rec = pool[0]
        out = [
            f"{kind} {spec['id']} {k}: the table says {_fmt(v)}, the KB says "
            f"{_fmt(getattr(rec, k, None))}"
            for k, v in fields.items()
            if not _matches(rec, k, v)
        ]
        if not _adds(rec, spec):
            adds = (spec.get("adds_area"), spec.get("adds_asset"))
            out.append(f"{kind} {spec['id']}: adds no scope with area/asset {adds}")
        return out
    hits = [r for r in pool if all(_matches(r, k, v) for k, v in fields.items()) and _adds(r, spec)]
    want = {k: v for k, v in spec.items() if k != "count"}
    if "count" in spec:
        if len(hits) != spec["count"]:
            return [f"{kind}: {len(hits)} record(s) with {want}, the table says {spec['count']}"]
    elif not hits:
        return [f"{kind}: no {kind} with {want} (the KB has {len(records)} {kind} record(s))"]
    return []
