"""Rules for sources, applied by the validator (errors) and the source-quality report
(warnings). Each finding is located at the offending field of the treaty or area file.

Errors:
- a source has neither a URL nor a printed ``work``;
- a source URL is on an uncitable domain (the registry's reason is in the message);
- a source declares a kind its domain does not publish (per the registry);
- a quoted clause text rests on no treaty-text, depositary, government, intergovernmental,
  parliament, official-gazette or scholarly source, unless the clause says
  ``text_status: unpublished`` (and a note and a source say so).

Warnings:
- a domain that is not in the reviewed registry;
- a copy whose original should be cited (the registry's ``prefer_original``);
- a party's dates without a depositary or official source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from foederis.model.enums import TextStatus
from foederis.model.treaty import Source, Treaty
from foederis.sources.grade import PARTY_DATE_KINDS, TEXT_KINDS
from foederis.sources.registry import REGISTRY_FILE, Citable, Uncitable, host_of, registry

PathKey = tuple[str | int, ...]
Add = Callable[[PathKey, str, str | None], None]

REGISTRY_HINT = "src/foederis/data/sources/domains.yaml"


@dataclass(frozen=True, slots=True)
class Finding:
    path: PathKey
    message: str
    hint: str | None = None


def source_list_findings(
    sources: Sequence[Source], base: PathKey = ("sources",)
) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) for a file's ``sources`` list."""
    errors: list[Finding] = []
    warnings: list[Finding] = []
    reg = registry()
    for i, src in enumerate(sources):
        path: PathKey = (*base, i)
        if src.url is None and src.work is None:
            errors.append(
                Finding(
                    path,
                    f"source '{src.id}' has neither a url nor a work",
                    "give the URL you read, or cite a printed work as work: {author, title, "
                    "publisher, year, pages}",
                )
            )
            continue
        if src.url is None:
            continue
        if not src.url.startswith(("http://", "https://")):
            errors.append(Finding((*path, "url"), f"not an http(s) URL: {src.url!r}"))
            continue
        entry = reg.lookup(src.url)
        if isinstance(entry, Uncitable):
            errors.append(
                Finding(
                    (*path, "url"),
                    f"source '{src.id}' is on an uncitable domain ({entry.domain}: "
                    f"{entry.label}): {entry.reason}",
                    "cite the original document (the official text, the depositary, the "
                    "publisher of the work, the outlet that reported it) instead",
                )
            )
        elif isinstance(entry, Citable):
            if src.kind not in entry.kinds:
                errors.append(
                    Finding(
                        (*path, "kind"),
                        f"kind '{src.kind.value}' does not fit {entry.domain} (registered "
                        f"as {', '.join(k.value for k in entry.kinds)})",
                        f"use one of those kinds, or correct the registry ({REGISTRY_HINT})",
                    )
                )
            if entry.prefer_original:
                warnings.append(
                    Finding(
                        (*path, "url"),
                        f"source '{src.id}' is a copy ({entry.domain}): {entry.prefer_original}",
                    )
                )
        else:
            warnings.append(
                Finding(
                    (*path, "url"),
                    f"source '{src.id}': domain {host_of(src.url)} is not in the reviewed "
                    "registry, so its kind is unchecked",
                    f"add it to {REGISTRY_HINT} after reviewing it",
                )
            )
    return errors, warnings


def treaty_findings(t: Treaty) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) for one treaty: its sources list and the facts that use it."""
    errors, warnings = source_list_findings(t.sources)
    by_id = t.sources_by_id
    for i, clause in enumerate(t.clauses):
        base: PathKey = ("clauses", i)
        kinds = {by_id[s].kind for s in clause.sources if s in by_id}
        if clause.text_status is TextStatus.unpublished:
            if not clause.note:
                errors.append(
                    Finding(
                        (*base, "note"),
                        f"Art. {clause.article} says no official text was published: the "
                        "note must say so and by whom",
                        "write a note naming the source that reports the text is unpublished",
                    )
                )
            if not clause.sources:
                errors.append(
                    Finding(
                        (*base, "sources"),
                        f"Art. {clause.article}: text_status unpublished needs a source",
                    )
                )
        elif clause.text and not kinds & TEXT_KINDS:
            shown = ", ".join(sorted(k.value for k in kinds)) or "none"
            errors.append(
                Finding(
                    (*base, "text"),
                    f"the quoted text of Art. {clause.article} has no official or "
                    f"scholarly-collection source (its sources are: {shown})",
                    "cite the treaty text (depositary, government, intergovernmental body, "
                    "official gazette, scholarly treaty collection); if no official text "
                    "was ever published, set text_status: unpublished with a sourced note",
                )
            )
    for i, party in enumerate(t.parties):
        if party.joined is None and party.left is None:
            continue
        kinds = {by_id[s].kind for s in party.sources if s in by_id}
        if not kinds & PARTY_DATE_KINDS:
            warnings.append(
                Finding(
                    ("parties", i, "sources"),
                    f"{party.state}'s dates ({party.joined or '—'} to {party.left or '—'}) "
                    "rest on no depositary or official source",
                )
            )
    return errors, warnings


# ---- the built-in KB's list of problems still being re-sourced ------------------------------

PENDING_FILE = REGISTRY_FILE.parent / "pending.yaml"


@cache
def pending() -> dict[tuple[str, str], str]:
    """(treaty id, 'source:<id>' or 'clause:<id>') -> why it is still pending."""
    import yaml

    if not PENDING_FILE.exists():
        return {}
    data = yaml.safe_load(PENDING_FILE.read_text(encoding="utf-8")) or {}
    out: dict[tuple[str, str], str] = {}
    for row in data.get("pending") or []:
        ref = f"source:{row['source']}" if "source" in row else f"clause:{row['clause']}"
        out[(row["treaty"], ref)] = row.get("reason", "being re-sourced")
    return out


def finding_ref(t: Treaty, f: Finding) -> str | None:
    """'source:<id>' or 'clause:<id>' for a finding located in a source or clause."""
    if len(f.path) >= 2 and f.path[0] == "sources" and isinstance(f.path[1], int):
        return f"source:{t.sources[f.path[1]].id}"
    if len(f.path) >= 2 and f.path[0] == "clauses" and isinstance(f.path[1], int):
        return f"clause:{t.clauses[f.path[1]].id}"
    return None


def split_pending(t: Treaty, errors: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(errors, pending) for a built-in treaty: errors listed in pending.yaml are reported
    as warnings ("pending re-sourcing") until the file is fixed."""
    todo = pending()
    real: list[Finding] = []
    waiting: list[Finding] = []
    for f in errors:
        ref = finding_ref(t, f)
        if ref is not None and (t.id, ref) in todo:
            waiting.append(Finding(f.path, f"pending re-sourcing: {f.message}", f.hint))
        else:
            real.append(f)
    return real, waiting
