"""Patterns of page chrome found in news text: prompts, "read more" lines, headline lists,
publisher blocks, bylines. Shared by read (to find title, outlet and byline) and clean (to
remove them)."""

from __future__ import annotations

import re
from functools import lru_cache

from foederis.news.dates import date_line
from foederis.news.textutil import word_count

# The patterns marked "lower-cased" are matched on ``line.lower()``: a case-sensitive
# pattern on lower-cased text runs several times faster than ``(?i)`` in ``re``, and
# their text is all lower case for that.

# Subscription, sign-up and app prompts (only matched on short lines; lower-cased).
PROMPT = re.compile(
    r"\b(?:sign (?:up|in)|log ?in\b|subscri(?:be|ption|ber)|newsletter"
    r"|download (?:the|our) app|one app\b|already a member|start reading|free trial|days? free\b"
    r"|premium (?:titles|content)"
    r"|curated (?:specifically )?for you|get all your news|trusted (?:global )?sources"
    r"|read news from"
    r"|create (?:an?|a free) account|register (?:now|for free)|follow us|share (?:this|on)\b"
    r"|click here|cookies?\b|advertisement|continue reading|listen to this article"
    r"|all rights reserved|copyright ©|©)"
)
# "Read more" and link-list headings (a line on its own; lower-cased).
READ_MORE = re.compile(
    r"^(?:read more|also read|read also|see also|more on this|related(?: stories| articles"
    r"| coverage| content)?|recommended(?: for you)?|top stories|our picks|more (?:news|stories)"
    r"|you (?:may|might) also like|trending(?: now)?|most (?:read|popular|viewed)"
    r"|editor'?s picks)\b"
)
# Headings that open a list of other headlines.
HEADLINE_LIST = re.compile(
    r"(?i)^(?:other news|more news|latest news|latest|more headlines|headlines|related news"
    r"|more from [\w .]+|in other news|news in brief)\s*:?$"
)
# Headings that open a publisher's contact / imprint block.
CONTACT_HEADING = re.compile(
    r"(?i)^(?:contacts?|contact us|about us|imprint|impressum|legal notice|advertise with us)\s*:?$"
)
CONTACT_LINE = re.compile(  # lower-cased
    r"^(?:owner|registration(?: certificate| number| no\.?)?|reg\. no|address|e-?mail"
    r"|phone|tel|fax|editor[- ]in[- ]chief|publisher|vat(?: no)?|company number)\b\s*[:#]?"
)
# A site describing itself, or greeting the reader (lower-cased).
PUBLISHER = re.compile(
    r"^(?:welcome to\b|powered by\b|[\w-]+\.(?:com|net|org|co\.uk|news|info|io|tv)\b[^.]{0,40}"
    r"\bis an?\b)"
)
TIMESTAMP = re.compile(r"(?i)^\d+\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago$")
AGENCY = (
    r"(?:The )?Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg|Yonhap|Kyodo"
    r"|dpa|Xinhua|TASS|KCNA|UPI|CNN|BBC"
)
BYLINE = re.compile(
    rf"^By\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}?)"
    rf"(?:\s*[,|/]?\s*(?P<outlet>{AGENCY}))?\s*$"
)
METADATA = re.compile(r"^(?:source|updated|published|posted|last updated|filed|dateline)\s*:")
POSES = re.compile(r"\bposes? for (?:a )?photos?\b")  # a part of CAPTION; lower-cased
CAPTION = re.compile(  # lower-cased
    r"\bposes? for (?:a )?photos?\b|\((?:ap|reuters|afp|getty|epa)?\s*photo\b|^(?:photo|image"
    r"|caption|file photo)\s*[:|]|\bgetty images\b|\([^()]*,[^()]*$"
)
BREADCRUMB = re.compile(r"^\S[^/>|»]{0,30}(?:\s[/>|»]\s[^/>|»]{1,30}){1,5}$")
DECORATION = re.compile(r"^[\W_]+$")


def is_short(line: str, max_words: int) -> bool:
    return word_count(line) <= max_words


@lru_cache(maxsize=1 << 15)  # a pure function of the line: prompts and syndicated lines recur
def chrome_reason(line: str) -> str | None:
    """Why a single line (stripped) is page chrome, judged on its own; None if it may be
    article text. Context rules (lists, blocks, header and footer runs) live in clean."""
    return chrome_reason_counted(line, word_count(line))


def chrome_reason_counted(line: str, words: int) -> str | None:
    """``chrome_reason`` of a line whose words (``word_count``) are counted already."""
    if not line:
        return None
    if DECORATION.match(line):
        return "decoration"
    if TIMESTAMP.match(line):
        return "timestamp"
    if words <= 8 and BYLINE.match(line):
        return "byline"
    if date_line(line) is not None:
        return "dateline"
    low = line.lower()
    if words <= 12 and METADATA.match(low):
        return "metadata"
    if words <= 20 and READ_MORE.match(low):
        return "read-more"
    if words <= 20 and PROMPT.search(low):
        return "prompt"
    if words <= 80 and PUBLISHER.match(low):
        return "publisher"
    if words <= 15 and CONTACT_LINE.match(low):
        return "contact-block"
    if words <= 10 and BREADCRUMB.match(line):
        return "navigation"
    # a caption ends without a full stop, unless it is a "poses for a photo" line
    if (
        words <= 60
        and (
            not line.rstrip().endswith((".", "?", "!", '"', "”"))
            or ("pose" in low and POSES.search(low))
        )
        and CAPTION.search(low)
    ):
        return "caption"
    return None


def looks_like_headline(line: str) -> bool:
    """A headline: 3 to 30 words, no closing full stop or colon, not chrome."""
    words = word_count(line)
    if not 3 <= words <= 30 or len(line) > 220:
        return False
    if line.rstrip().endswith((".", ":", ",", ";")):
        return False
    if line.lstrip()[:1] in "•·▪◦●-*>":
        return False
    return chrome_reason(line) is None and not HEADLINE_LIST.match(line)
