"""Citations ready to publish: a check's answer as Markdown or CSV with numbered footnotes.

Each footnote is one source of the knowledge base (publisher, title, the day it was
accessed, URL), numbered in the order the answer first cites it; every row and every
reason points at its footnotes. The rows shown follow the CLI rule: triggered, uncertain,
consultation and policy rows, or all rows when none of those exists.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from foederis.model.enums import Status
from foederis.states import label

if TYPE_CHECKING:
    from foederis.engine.check import CheckResult, Obligation
    from foederis.kb import KnowledgeBase

MARK = {"met": "✓", "failed": "✗", "unknown": "?"}


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    publisher: str | None
    title: str | None
    accessed: str | None
    url: str | None
    badge: str | None = None

    def text(self) -> str:
        parts = [p for p in (self.publisher, self.title) if p]
        head = ", ".join(parts) if parts else "Untitled source"
        when = f", accessed {self.accessed}" if self.accessed else ""
        grade = f"[{self.badge}] " if self.badge else ""
        return f"{grade}{head}{when}." + (f" {self.url}" if self.url else "")


class _Notes:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.by_key: dict[tuple[str, str], Footnote] = {}

    def cite(self, treaty_id: str, source_id: str, url: str | None, title: str | None) -> int:
        key = (treaty_id, source_id)
        if key not in self.by_key:
            from foederis.sources.grade import badge

            t = self.kb.treaties.get(treaty_id)
            # the engine's SourceRef ids are "treaty/source"
            src = t.sources_by_id.get(source_id.rsplit("/", 1)[-1]) if t else None
            self.by_key[key] = Footnote(
                len(self.by_key) + 1,
                src.publisher if src else None,
                (src.label if src else None) or title,
                src.accessed.isoformat() if src and src.accessed else None,
                src.url if src else url,
                badge(src) if src else None,
            )
        return self.by_key[key].number

    def all(self) -> list[Footnote]:
        return sorted(self.by_key.values(), key=lambda f: f.number)


def _rows(result: CheckResult) -> list[Obligation]:
    live = [o for o in result.obligations if o.status is not Status.not_triggered]
    return live or list(result.obligations)


def _title(result: CheckResult) -> str:
    s = result.scenario
    who = ", ".join(a if a.startswith("non-state") else label(a) for a in s.attacker)
    return (
        f"If {who} attacks {label(s.target)} ({result.place_name}) on {s.date}: "
        "who is bound to help"
    )


def citations_markdown(result: CheckResult, kb: KnowledgeBase | None = None) -> str:
    """The answer (headline, table, reasons) as Markdown with numbered footnotes."""
    kb = kb or _kb()
    notes = _Notes(kb)
    summary = result.summary(kb)
    rows = _rows(result)
    out = [f"# {_title(result)}\n\n"]
    out += [f"{line}\n\n" for line in summary.lines()]
    if not rows:
        out.append(f"No treaty in the knowledge base protects {label(result.scenario.target)}.\n")
        return "".join(out)
    out.append("| Status | Obligated state | Treaty | Clause | Strength | Sources |\n")
    out.append("|---|---|---|---|---|---|\n")
    for o in rows:
        refs = "".join(f"[^{notes.cite(o.treaty, s.id, s.url, s.title)}]" for s in o.sources)
        out.append(
            f"| {o.status.value.replace('_', ' ')} | {_md(label(o.state))} | {_md(o.treaty)} | "
            f"{_md(o.article)} | {o.strength.value.replace('_', ' ')} | {refs} |\n"
        )
    out.append("\n## Reasons\n")
    seen: set[tuple[str, Status]] = set()
    for o in rows:
        if (o.clause, o.status) in seen:
            continue
        seen.add((o.clause, o.status))
        out.append(f"\n**{_md(o.clause)} ({_md(o.article)}), {o.status.value}**\n\n")
        for r in o.reasons:
            refs = "".join(f"[^{notes.cite(o.treaty, s.id, s.url, s.title)}]" for s in r.sources)
            out.append(f"- {MARK[r.verdict.value]} {_md(r.text)}{refs}\n")
    out.append("\n## Sources\n\n")
    out += [f"[^{f.number}]: {_md(f.text())}\n" for f in notes.all()]
    return "".join(out)


def citations_csv(result: CheckResult, kb: KnowledgeBase | None = None) -> str:
    """One row per obligation shown, with footnote numbers and the numbered sources."""
    kb = kb or _kb()
    notes = _Notes(kb)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "status",
            "obligated_state",
            "iso3",
            "treaty",
            "clause",
            "article",
            "strength",
            "footnotes",
            "sources",
        ]
    )
    for o in _rows(result):
        numbers = [notes.cite(o.treaty, s.id, s.url, s.title) for s in o.sources]
        by_number = {f.number: f for f in notes.all()}
        w.writerow(
            [
                o.status.value,
                label(o.state),
                o.state,
                o.treaty,
                o.clause,
                o.article,
                o.strength.value,
                " ".join(str(n) for n in numbers),
                " | ".join(f"[{n}] {by_number[n].text()}" for n in numbers),
            ]
        )
    return buf.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kb() -> KnowledgeBase:
    from foederis.kb import load_kb

    return load_kb()
