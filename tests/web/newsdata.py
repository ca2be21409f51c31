"""Small made-up news articles for the review page (tests and screenshots).

They are written here, not copied from any outlet, and describe a fictional pact between
Iran and Venezuela so that the review queue has a proposal. The hostile one carries
<script> tags and <img onerror> handlers in its title and sentences, so the tests can
check that nothing from an article executes in the browser.
"""

from __future__ import annotations

from pathlib import Path

HOSTILE_TEXT = """\
Caracas and Tehran <img src=x onerror="window.__xss=3"> pact
3 March 2024

Iran and Venezuela signed a mutual defense treaty <script>window.__xss = 1</script> \
in Caracas on 2 March 2024.

Separately, Russia and North Korea signed a treaty in Pyongyang on 19 June 2024 \
<img src=x onerror="window.__xss=2">.

Analysts said NATO has 30 member states.
"""

HOSTILE_HTML = """\
<html><head><title>Moscow and Pyongyang <img src=x onerror="window.__xss=4"></title>
</head>
<body><article>
<h1>Moscow and Pyongyang mark their pact</h1>
<p>20 June 2024</p>
<p>Article 4 of the 2024 treaty between Russia and North Korea obliges each side to
provide military assistance if the other is attacked.<script>window.__xss = 5;</script>
<img src="x" onerror="window.__xss = 6">
The 1961 treaty between China and North Korea also remains in force.</p>
</article></body></html>
"""

EXAMPLE_TEXT = """Example article (made up for the screenshots)
3 March 2024

Iran and Venezuela signed a mutual defense treaty in Caracas on 2 March 2024, officials said.

Separately, Russia and North Korea signed a treaty in Pyongyang on 19 June 2024.

Analysts said NATO has 30 member states.
"""


def write_hostile(folder: Path) -> list[Path]:
    text = folder / "hostile-article.txt"
    text.write_text(HOSTILE_TEXT, encoding="utf-8")
    html = folder / "hostile-article.html"
    html.write_text(HOSTILE_HTML, encoding="utf-8")
    return [text, html]


def seed_news(db: Path, folder: Path, *, hostile: bool = False) -> bool:
    """Ingest made-up articles into ``db``; False when the news module is missing."""
    from foederis.web import newsbridge

    if not newsbridge.available():
        return False
    if hostile:
        paths = write_hostile(folder)
    else:
        example = folder / "example-article.txt"
        example.write_text(EXAMPLE_TEXT, encoding="utf-8")
        paths = [example]
    newsbridge.ingest_files(paths, db)
    return True
