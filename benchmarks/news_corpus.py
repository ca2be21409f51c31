"""A synthetic news corpus with known duplicates, for benchmarks and tests.

Articles are built from templates (alliance sentences about random state pairs and
treaties) and random filler prose, wrapped in random page boilerplate (prompts, "other
news" lists, contact blocks). A share of them are copies of an earlier article: an exact
copy on another site, a truncated copy, or a summary (a subset of its sentences with some
words changed). ``truth.json`` maps each file to its story; no real article text is used.

    python benchmarks/news_corpus.py OUT_DIR --n 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

STATES = [
    "Russia", "North Korea", "China", "the United States", "Japan", "South Korea",
    "the Philippines", "Australia", "New Zealand", "Thailand", "France", "Germany",
    "Poland", "Turkey", "Armenia", "Belarus", "Kazakhstan", "Brazil", "India", "Vietnam",
    "Mongolia", "Iran", "Pakistan", "Saudi Arabia", "Egypt", "Kenya", "Ethiopia", "Canada",
]  # fmt: skip
TREATIES = ["NATO", "the CSTO", "the Rio Treaty", "ANZUS", "the Manila Pact"]
TEMPLATES = [
    "{a} and {b} signed a mutual defense pact in {year}, officials said.",
    "The treaty between {a} and {b} entered into force in {year}.",
    "{a} has a mutual defense agreement with {b} dating back to {year}.",
    "Article {n} of {t} has never been invoked, analysts in {a} noted.",
    "{a} said it would invoke Article {n} of {t} after the incident.",
    "{a} and {b} are members of {t}, which now has {count} member states.",
    "{a} does not have a mutual defense pact with {b}.",
    "{a} withdrew from {t} in {year}, the foreign ministry confirmed.",
]
PROMPTS = [
    "Sign up for our newsletter",
    "Download the app",
    "Already a member? Sign in here",
    "Subscribe to continue reading",
    "Start your free trial",
    "Follow us on social media",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tos",
    "va",
    "ne",
    "dri",
    "pal",
    "sun",
    "mor",
    "fe",
    "lin",
    "gar",
    "tu",
    "bel",
    "sa",
    "qui",
    "no",
    "ram",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


# English function words mixed into the filler with ``prose="english"``: the articles then
# read as English to language identification (the English fast path), and every sentence
# goes through the English extractor, as in an English-language news feed
FUNCTION_WORDS = ["the", "of", "and", "to", "in", "that", "was", "said", "for", "with", "by"]


def _sentence(rng: random.Random, words: int | None = None, prose: str = "syllables") -> str:
    n = words or rng.randint(8, 22)
    if prose == "english":
        text = " ".join(rng.choice(FUNCTION_WORDS) if i % 3 == 1 else _word(rng) for i in range(n))
    else:
        text = " ".join(_word(rng) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def _alliance_sentence(rng: random.Random) -> str:
    a, b = rng.sample(STATES, 2)
    return rng.choice(TEMPLATES).format(
        a=a,
        b=b,
        t=rng.choice(TREATIES),
        year=rng.randint(1947, 2026),
        n=rng.randint(2, 6),
        count=rng.randint(3, 40),
    )


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    published: str


def _article(rng: random.Random, prose: str = "syllables") -> Article:
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        sentences = [_sentence(rng, prose=prose) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.4:
            sentences.insert(rng.randint(0, len(sentences)), _alliance_sentence(rng))
        paragraphs.append(" ".join(sentences))
    title = " ".join(_word(rng) for _ in range(rng.randint(5, 10))).title()
    published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Article(title, paragraphs, published)


def _summary(rng: random.Random, art: Article) -> list[str]:
    out = []
    for p in art.paragraphs:
        if rng.random() < 0.6:
            words = p.split()
            for _ in range(max(1, len(words) // 12)):
                words[rng.randrange(len(words))] = _word(rng)
            out.append(" ".join(words))
    return out or art.paragraphs[:1]


def _page(rng: random.Random, title: str, paragraphs: list[str], published: str, site: str) -> str:
    lines = []
    if rng.random() < 0.5:
        lines += [*rng.sample(PROMPTS, 2), "Top News", "World"]
    lines += [title, title] if rng.random() < 0.3 else [title]
    lines += [f"By {_word(rng).title()} {_word(rng).title()}", published]
    lines += paragraphs
    if rng.random() < 0.5:
        lines.append("OTHER NEWS")
        for _ in range(rng.randint(5, 20)):
            lines += [
                f"{rng.randint(1, 59)} minutes ago",
                " ".join(_word(rng) for _ in range(rng.randint(5, 12))).title(),
            ]
    if rng.random() < 0.3:
        lines += [
            "Contacts",
            f"Owner: {site.title()} s.r.o.",
            f"Registration certificate {rng.randint(10**7, 10**8)}",
        ]
    if rng.random() < 0.4:
        lines += rng.sample(PROMPTS, 3)
    return "\n\n".join(lines) + "\n"


def _html(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title><script>var tracker = 1;</script></head>"
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{paras}</article>"
        f"<footer>Sign up for our newsletter</footer></body></html>"
    )


def generate(
    out: Path,
    n: int,
    seed: int = 1,
    dup_share: float = 0.3,
    html_share: float = 0.02,
    prose: str = "syllables",
) -> dict[str, int]:
    """Write ``n`` articles into ``out``; returns (and writes to truth.json) file → story.
    ``prose``: "syllables" (the filler is made-up words, which language identification
    reads as German, Spanish, Portuguese... for two articles in three) or "english"
    (English function words among them: every article is read as English)."""
    if prose not in ("syllables", "english"):
        raise ValueError(f"prose must be 'syllables' or 'english', not {prose!r}")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    originals: list[tuple[int, Article]] = []
    truth: dict[str, int] = {}
    for i in range(n):
        site = _word(rng)
        if originals and rng.random() < dup_share:
            story, art = rng.choice(originals)
            kind = rng.choice(["copy", "truncated", "summary"])
            if kind == "copy":
                paragraphs = list(art.paragraphs)
            elif kind == "truncated":
                paragraphs = art.paragraphs[
                    : max(2, int(len(art.paragraphs) * rng.uniform(0.3, 0.7)))
                ]
            else:
                paragraphs = _summary(rng, art)
            article = Article(art.title, paragraphs, art.published)
        else:
            article = _article(rng, prose)
            story = len(originals)
            originals.append((story, article))
        text = _page(rng, article.title, article.paragraphs, article.published, site)
        name = f"{i:06d}_{site}"
        if rng.random() < html_share:
            path = out / f"{name}.html"
            path.write_text(_html(article.title, text), "utf-8")
        else:
            path = out / f"{name}.txt"
            path.write_text(text, "utf-8")
        truth[path.name] = story
    (out / "truth.json").write_text(json.dumps(truth), "utf-8")
    return truth


def texts(n: int, seed: int = 1, dup_share: float = 0.3) -> tuple[list[str], list[int]]:
    """In-memory article bodies and their stories (for dedupe scaling runs)."""
    rng = random.Random(seed)
    originals: list[tuple[int, Article]] = []
    out: list[str] = []
    stories: list[int] = []
    for _ in range(n):
        if originals and rng.random() < dup_share:
            story, art = rng.choice(originals)
            paragraphs = (
                _summary(rng, art)
                if rng.random() < 0.3
                else art.paragraphs[: max(2, int(len(art.paragraphs) * rng.uniform(0.3, 1)))]
            )
        else:
            art = _article(rng)
            story = len(originals)
            originals.append((story, art))
            paragraphs = art.paragraphs
        out.append("\n".join(paragraphs))
        stories.append(story)
    return out, stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prose", choices=["syllables", "english"], default="syllables")
    args = parser.parse_args()
    truth = generate(args.out, args.n, args.seed, prose=args.prose)
    print(f"{len(truth)} articles, {len(set(truth.values()))} stories in {args.out}")


if __name__ == "__main__":
    main()
