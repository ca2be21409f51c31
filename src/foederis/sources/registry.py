"""The reviewed domain registry (``data/sources/domains.yaml``): which kinds of source a
domain publishes, which outlets are state media, and which domains are uncitable and why.

    entry = registry().lookup("https://www.nato.int/cps/en/natohq/topics_49187.htm")
    entry.kinds        # (intergovernmental, treaty_text)

A URL matches the longest registered domain equal to its host or a parent of it
(``wikisource.org`` covers ``en.m.wikisource.org``); ``books.google.*`` covers every country
domain of Google Books.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from foederis.model.enums import SourceKind
from foederis.model.record import record

REGISTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "sources" / "domains.yaml"

UNCITABLE_CATEGORIES = {
    "disinformation": "disinformation or propaganda outlet",
    "forum": "forum or personal repost",
    "content_farm": "content farm or scraped copy",
    "document_sharing": "document-sharing mirror",
    "piracy": "piracy mirror",
    "wiki_mirror": "wiki mirror",
}


_CITABLE_KEYS = {"domain", "kinds", "publisher", "state_media", "prefer_original", "note"}


class RegistryError(ValueError):
    """The registry file itself is malformed (a packaging error, not a user error)."""


@record(frozen=True)
class Citable:
    """A domain that may be cited: the kinds of source it publishes, and whose state media
    it is, if any."""

    domain: str
    kinds: tuple[SourceKind, ...]
    publisher: str
    state_media: str | None = None
    prefer_original: str | None = None
    note: str | None = None


@record(frozen=True)
class Uncitable:
    """A domain that must not be cited, with its category and the reason."""

    domain: str
    category: str
    reason: str

    @property
    def label(self) -> str:
        return UNCITABLE_CATEGORIES[self.category]


DomainEntry = Citable | Uncitable


def host_of(url: str) -> str | None:
    """The lower-case host of an http(s) URL, without a leading ``www.``; None if none."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


@record(frozen=True)
class Registry:
    """Every reviewed domain, by domain name."""

    entries: dict[str, DomainEntry]

    def lookup(self, url: str) -> DomainEntry | None:
        host = host_of(url)
        if host is None:
            return None
        labels = host.split(".")
        for i in range(len(labels) - 1):
            candidate = ".".join(labels[i:])
            if candidate in self.entries:
                return self.entries[candidate]
            # "books.google.*": a registered name followed by any public suffix
            for j in range(i + 1, len(labels)):
                wildcard = ".".join(labels[i:j]) + ".*"
                if wildcard in self.entries:
                    return self.entries[wildcard]
        return None

    def uncitable(self) -> list[Uncitable]:
        return [e for e in self.entries.values() if isinstance(e, Uncitable)]

    def citable(self) -> list[Citable]:
        return [e for e in self.entries.values() if isinstance(e, Citable)]


def parse_registry(data: Any, where: str = "domains.yaml") -> Registry:
    """Build a Registry from the parsed YAML; RegistryError names the bad entry."""
    if not isinstance(data, dict) or set(data) - {"citable", "uncitable"}:
        raise RegistryError(f"{where}: expected the keys 'citable' and 'uncitable'")
    entries: dict[str, DomainEntry] = {}

    def add(entry: DomainEntry) -> None:
        if entry.domain in entries:
            raise RegistryError(f"{where}: domain '{entry.domain}' is listed twice")
        entries[entry.domain] = entry

    for i, row in enumerate(data.get("citable") or []):
        if not isinstance(row, dict) or not row.get("domain") or not row.get("publisher"):
            raise RegistryError(f"{where}: citable[{i}] needs a domain and a publisher")
        extra = set(row) - _CITABLE_KEYS
        if extra:
            raise RegistryError(f"{where}: citable[{i}] has unknown keys {sorted(extra)}")
        try:
            kinds = tuple(SourceKind(k) for k in row.get("kinds") or [])
        except ValueError as exc:
            raise RegistryError(f"{where}: citable[{i}] ({row['domain']}): {exc}") from None
        if not kinds:
            raise RegistryError(f"{where}: citable[{i}] ({row['domain']}) lists no kinds")
        add(
            Citable(
                domain=str(row["domain"]).lower(),
                kinds=kinds,
                publisher=str(row["publisher"]),
                state_media=row.get("state_media"),
                prefer_original=row.get("prefer_original"),
                note=row.get("note"),
            )
        )
    for i, row in enumerate(data.get("uncitable") or []):
        if not isinstance(row, dict) or set(row) != {"domain", "category", "reason"}:
            raise RegistryError(f"{where}: uncitable[{i}] needs exactly domain, category, reason")
        if row["category"] not in UNCITABLE_CATEGORIES:
            raise RegistryError(
                f"{where}: uncitable[{i}] ({row['domain']}): unknown category "
                f"'{row['category']}' (one of {', '.join(UNCITABLE_CATEGORIES)})"
            )
        add(Uncitable(str(row["domain"]).lower(), str(row["category"]), str(row["reason"])))
    return Registry(entries)


@cache
def registry(path: Path = REGISTRY_FILE) -> Registry:
    """The reviewed registry shipped with the package (parsed once per process, and kept
    compiled beside the KB cache so that a fresh `foederis check` does not import YAML)."""
    from foederis import cache as compiled

    where = compiled.cached_path("registry", [path, Path(__file__)])
    got = compiled.load_pickle(where)
    if isinstance(got, Registry):
        return got
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        parsed = parse_registry(yaml.load(fh, Loader=loader), path.name)
    compiled.dump_pickle(where, parsed)
    return parsed
