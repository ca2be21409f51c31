"""Checks that need more than one file: states, areas, source ids, dates, cross-references.

Each check appends a Problem located at the offending field, so one run reports everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import Any

from foederis import states
from foederis.errors import Problem, close_matches, did_you_mean
from foederis.kb.load import LoadedTreaty, RawKB
from foederis.kb.yamlfile import PathKey, YamlDoc
from foederis.model.treaty import Scope, Treaty
from foederis.sources.rules import source_list_findings, split_pending, treaty_findings

AREA_TOKENS = frozenset({"party_home", "party_territory", "anywhere"})


def _check_existence(t: Treaty, i: int, add: Any) -> None:
    """A party spell must start on a day its state existed (foederis.states lifetimes)."""
    party = t.parties[i]
    start = t.effective_from
    if start is None or not states.is_known(party.state):
        return
    first = max(start, party.joined) if party.joined else start
    if party.left is not None and party.left <= first:
        return
    if t.ended is not None and t.ended <= first:
        return
    if not states.exists(party.state, first):
        key = "joined" if party.joined else "state"
        add(
            ("parties", i, key),
            f"{party.state} did not exist on {first} (existed {states.lifetime(party.state)})",
            "use the state that existed then (e.g. SUN before 1991-12-26) or its own date",
        )


def check_kb(raw: RawKB) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_areas(raw)
    for loaded in raw.treaties.values():
        problems += check_treaty(loaded, raw)
    return problems


def _state_problem(doc: YamlDoc, path: PathKey, code: str) -> Problem | None:
    if states.is_known(code):
        if code == code.strip().upper():
            return None
        # the engine compares codes exactly: 'nzl' or ' USA' would silently match nothing
        return doc.problem(
            path,
            f"state code {code!r} is not written as an upper-case ISO3 code",
            f"write '{code.strip().upper()}'",
        )
    try:
        states.get(code)
    except states.UnknownStateError as exc:
        hint = did_you_mean(
            exc.suggestions, "use an ISO 3166-1 alpha-3 code (see `foederis states`)"
        )
        return doc.problem(path, f"unknown state '{code}'", hint)
    return None


def _check_areas(raw: RawKB) -> list[Problem]:
    out: list[Problem] = []
    for doc, sources in raw.area_sources:
        for finding in source_list_findings(sources)[0]:
            out.append(doc.problem(finding.path, finding.message, finding.hint))
    for area_id, area in raw.areas.items():
        doc, base = raw.area_docs[area_id]
        for key in ("within", "partly_within"):
            for i, ref in enumerate(getattr(area, key)):
                if ref not in raw.areas:
                    out.append(
                        doc.problem((*base, key, i), f"unknown area '{ref}'", _area_hint(ref, raw))
                    )
        for key in ("held_by",):
            code = area.held_by
            if code is not None and (p := _state_problem(doc, (*base, key), code)):
                out.append(p)
        for key in ("contains_home_of", "partly_contains_home_of", "claimed_by"):
            for i, code in enumerate(getattr(area, key)):
                if p := _state_problem(doc, (*base, key, i), code):
                    out.append(p)
    return out


def _area_hint(ref: str, raw: RawKB) -> str:
    close = close_matches(ref, [*raw.areas, *sorted(AREA_TOKENS)], n=3, cutoff=0.6)
    return did_you_mean(close) or (
        "areas are gazetteer ids (src/foederis/data/areas/), ISO3 codes, or "
        + ", ".join(sorted(AREA_TOKENS))
    )


def check_treaty(loaded: LoadedTreaty, raw: RawKB) -> list[Problem]:
    t, doc = loaded.treaty, loaded.doc
    out: list[Problem] = []

    def add(path: PathKey, message: str, hint: str | None = None) -> None:
        out.append(doc.problem(path, message, hint))

    if loaded.path.stem != t.id:
        add(
            ("id",),
            f"id '{t.id}' differs from the file name '{loaded.path.name}'",
            f"rename the file to {t.id}.yaml or change the id",
        )

    if not t.sources:
        add(("sources",), "a treaty needs at least one source", "list every URL relied on")
    errors = treaty_findings(t)[0]
    errors = split_pending(t, errors)[0]  # known problems of built-in files being re-sourced
    for finding in errors:
        add(finding.path, finding.message, finding.hint)
    for i, src in enumerate(t.sources):  # links are shown on pages: http(s) only
        url = src.archived_url
        if url is not None and not url.lower().startswith(("http://", "https://")):
            add(
                ("sources", i, "archived_url"),
                f"not an http(s) URL: {url[:80]!r}",
                "links are shown on pages: only http:// and https:// are allowed",
            )
    needs_source: list[tuple[PathKey, list[str]]] = [
        (("interpretations", i, "sources"), x.sources) for i, x in enumerate(t.interpretations)
    ]
    needs_source += [
        (("invocations", i, "sources"), x.sources) for i, x in enumerate(t.invocations)
    ]
    needs_source += [(("disputed", i, "sources"), x.sources) for i, x in enumerate(t.disputed)]
    needs_source += [(("parties", i, "sources"), p.sources) for i, p in enumerate(t.parties)]
    needs_source += [(("clauses", i, "sources"), c.sources) for i, c in enumerate(t.clauses)]
    for path, ids in needs_source:
        if not ids:
            add(path, "needs at least one source id", "point it at an entry of `sources`")
    for i, clause in enumerate(t.clauses):
        scopes: list[tuple[PathKey, Scope]] = [
            ((("clauses", i, "trigger", "scope", j)), sc)
            for j, sc in enumerate(clause.trigger.scope)
        ]
        for j, interp in enumerate(t.interpretations):
            if interp.clause == clause.id:
                scopes += [
                    ((("interpretations", j, "add_scope", k)), sc)
                    for k, sc in enumerate(interp.add_scope)
                ]
        for path, sc in scopes:
            if not sc.assets or not sc.areas:
                add(path, "a scope needs at least one asset and one area")
    source_ids = [s.id for s in t.sources]
    _dupes(source_ids, ("sources",), "source id", add)
    _dupes([c.id for c in t.clauses], ("clauses",), "clause id", add)
    _dupes([i.id for i in t.interpretations], ("interpretations",), "interpretation id", add)
    _dupes([i.id for i in t.invocations], ("invocations",), "invocation id", add)
    known_sources = set(source_ids)
    clause_ids = {c.id for c in t.clauses}

    def refs(path: PathKey, ids: Iterable[str]) -> None:
        for i, sid in enumerate(ids):
            if sid not in known_sources:
                add(
                    (*path, i),
                    f"unknown source id '{sid}'",
                    "add it to the file's sources list (known: "
                    f"{', '.join(sorted(known_sources))})",
                )

    def state(path: PathKey, code: str) -> None:
        if p := _state_problem(doc, path, code):
            out.append(p)

    # treaty dates
    if t.signed and t.in_force and t.in_force < t.signed and t.kind != "policy":
        add(
            ("in_force",),
            f"enters into force ({t.in_force}) before it was signed ({t.signed})",
            "only a policy (a statute, kind: policy) may take effect retroactively",
        )
    if t.in_force and t.in_force_by:
        add(
            ("in_force_by",),
            "give either in_force (the day) or in_force_by (known to be in "
            "force by that day), not both",
            "keep in_force when the exact day is known",
        )
    if t.in_force and t.ended and t.ended < t.in_force:
        add(("ended",), f"ends ({t.ended}) before it entered into force ({t.in_force})")
    if t.superseded_by and t.superseded_by not in raw.treaties:
        add(("superseded_by",), f"unknown treaty '{t.superseded_by}'")

    # parties
    for i, party in enumerate(t.parties):
        state(("parties", i, "state"), party.state)
        refs(("parties", i, "sources"), party.sources)
        for j, d in enumerate(party.disputed):
            refs(("parties", i, "disputed", j, "sources"), d.sources)
        if party.left is not None and party.joined is not None and party.left < party.joined:
            add(
                ("parties", i, "left"),
                f"{party.state} leaves ({party.left}) before it joins ({party.joined})",
                "check both dates against the source",
            )
        _check_existence(t, i, add)
    _check_overlaps(t, add)

    for i, sus in enumerate(t.suspensions):
        refs(("suspensions", i, "sources"), sus.sources)
        for key in ("by", "toward"):
            value = getattr(sus, key)
            if value != "all":
                for j, code in enumerate(value):
                    state(("suspensions", i, key, j), code)
        if sus.until is not None and sus.until < sus.since:
            add(
                ("suspensions", i, "until"),
                f"suspension ends ({sus.until}) before it starts ({sus.since})",
            )

    for i, clause in enumerate(t.clauses):
        base: PathKey = ("clauses", i)
        refs((*base, "sources"), clause.sources)
        if clause.text and not clause.sources:
            add(
                (*base, "sources"),
                "a quoted text needs a source",
                "name the source the quote was copied from",
            )
        for key in ("owed_by", "owed_to"):
            value = getattr(clause.obligation, key)
            if value != "all":
                for j, code in enumerate(value):
                    state((*base, "obligation", key, j), code)
        for j, code in enumerate(clause.trigger.adversaries or []):
            state((*base, "trigger", "adversaries", j), code)
        for j, scope in enumerate(clause.trigger.scope):
            _check_scope_areas(scope.areas, (*base, "trigger", "scope", j, "areas"), raw, doc, out)
        for j, d in enumerate(clause.disputed):
            refs((*base, "disputed", j, "sources"), d.sources)

    for i, interp in enumerate(t.interpretations):
        base = ("interpretations", i)
        refs((*base, "sources"), interp.sources)
        state((*base, "by"), interp.by)
        if interp.clause not in clause_ids:
            add(
                (*base, "clause"),
                f"unknown clause '{interp.clause}'",
                f"clauses of this treaty: {', '.join(sorted(clause_ids)) or 'none'}",
            )
        for j, scope in enumerate(interp.add_scope):
            _check_scope_areas(scope.areas, (*base, "add_scope", j, "areas"), raw, doc, out)

    for i, inv in enumerate(t.invocations):
        base = ("invocations", i)
        refs((*base, "sources"), inv.sources)
        if inv.by is not None:
            state((*base, "by"), inv.by)
        if inv.clause is not None and inv.clause not in clause_ids:
            add(
                (*base, "clause"),
                f"unknown clause '{inv.clause}'",
                f"clauses of this treaty: {', '.join(sorted(clause_ids)) or 'none'}",
            )
    for j, d in enumerate(t.disputed):
        refs(("disputed", j, "sources"), d.sources)
    return out


def _check_scope_areas(
    areas: list[str], path: PathKey, raw: RawKB, doc: YamlDoc, out: list[Problem]
) -> None:
    for k, ref in enumerate(areas):
        if ref in AREA_TOKENS or ref in raw.areas:
            continue
        if len(ref) == 3 and ref.isupper():
            if p := _state_problem(doc, (*path, k), ref):
                out.append(p)
            continue
        out.append(doc.problem((*path, k), f"unknown area '{ref}'", _area_hint(ref, raw)))


def _dupes(ids: list[str], path: PathKey, what: str, add: object) -> None:
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            add((*path, i, "id"), f"duplicate {what} '{value}'")  # type: ignore[operator]
        seen.add(value)


def _check_overlaps(t: Treaty, add: object) -> None:
    by_state: dict[str, list[int]] = {}
    for i, p in enumerate(t.parties):
        by_state.setdefault(p.state, []).append(i)
    for code, idxs in by_state.items():
        spells = sorted(idxs, key=lambda i: t.parties[i].joined or date.min)
        for a, b in pairwise(spells):
            first, second = t.parties[a], t.parties[b]
            if first.left is None or (second.joined or date.min) < first.left:
                add(
                    ("parties", b, "joined"),  # type: ignore[operator]
                    f"membership spells of {code} overlap: the spell from {first.joined} "
                    f"{'never ends' if first.left is None else f'ends {first.left}'} but another "
                    f"starts {second.joined}",
                    "give the first spell a `left` date on or before the second `joined`",
                )
