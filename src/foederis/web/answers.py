"""The encoded answers of ``POST /api/check``, reused across the days of an epoch.

``answer_json(kb, scenario, detail)`` is the answer: ``check`` and its summary as JSON,
computed by the engine; ``compact`` (the default) stores every clause, source, precedent and
reason once (engine/compact.py), ``full`` is the CLI's ``--format json``. ``AnswerCache``
keeps answers (per detail) so that a scenario asked again, or asked on another day of the
same epoch of its target's timeline (engine/epochs.py: no date that the answer can read
falls between the two days, neither day is one, and both are in the past or both in the
future), is not computed again. Such days have the same answer except where the day is
printed, and the printed day (its ISO text) appears nowhere else in the answer, because it
is not a recorded date. So the first answer of a bucket is kept as a template, its day's
text replaced by a NUL byte (orjson escapes control characters in strings, so a raw NUL
never occurs in its output), and a later day of the bucket is filled in. A recorded date is
a bucket of its own, kept whole. tests/web/test_answers.py checks templated answers against
an engine whose caches were emptied, on random scenarios and days.

The cache is an LRU bounded by its number of entries and by the bytes of the distinct
templates it holds (neighbouring epochs often have the same answer: it is stored once).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from datetime import date
from typing import Any

import orjson

from foederis.engine.check import check as run_check
from foederis.engine.compact import compact_json
from foederis.engine.epochs import Epochs
from foederis.kb import KnowledgeBase
from foederis.model.scenario import Scenario

DAY = b"\x00"  # where a template's day goes


def encode(data: Any) -> bytes:
    """Compact UTF-8 JSON (orjson: the large check/cascade answers encode ~7x faster)."""
    return orjson.dumps(data, default=str)


def answer_json(kb: KnowledgeBase, scenario: Scenario, detail: str = "compact") -> bytes:
    """The answer to one scenario, computed by the engine, with the summary: ``full`` as
    ``foederis check --format json``, ``compact`` with every object once."""
    result = run_check(scenario, kb)
    body = result.to_json() if detail == "full" else compact_json(result)
    return encode({**body, "summary": result.summary(kb).to_json()})


class AnswerCache:
    """Encoded answers over one knowledge base, shared across the days of an epoch.
    Used from the event loop only (no locking)."""

    def __init__(
        self, kb: KnowledgeBase, max_entries: int = 8192, max_bytes: int = 128 * 2**20
    ) -> None:
        self.kb = kb
        self.epochs = Epochs(kb)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0  # bytes of the distinct templates held
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._templates: dict[bytes, list[Any]] = {}  # template -> [itself, entries using it]

    def __len__(self) -> int:
        return len(self._entries)

    def answer(self, s: Scenario, detail: str = "compact") -> bytes:
        day = s.date
        bucket = self.epochs.of(s.target).bucket(day)
        key = (
            s.attacker,
            s.target,
            s.where,
            s.asset,
            s.severity,
            s.initiator,
            bucket,
            day > date.today(),  # the "in the future" caveat: today is no recorded date
            detail,
        )
        template = self._entries.get(key)
        if template is not None:
            self._entries.move_to_end(key)
            if bucket[0] == "day":
                return template
            return template.replace(DAY, day.isoformat().encode())
        body = answer_json(self.kb, s, detail)
        self._put(key, body if bucket[0] == "day" else body.replace(day.isoformat().encode(), DAY))
        return body

    def _put(self, key: Hashable, template: bytes) -> None:
        if len(template) > self.max_bytes // 4:
            return  # too large to keep
        held = self._templates.get(template)
        if held is None:
            held = self._templates[template] = [template, 0]
            self.size += len(template)
        held[1] += 1
        self._entries[key] = held[0]
        while len(self._entries) > self.max_entries or self.size > self.max_bytes:
            _, old = self._entries.popitem(last=False)
            gone = self._templates[old]
            gone[1] -= 1
            if gone[1] == 0:
                del self._templates[old]
                self.size -= len(old)
