"""A small made-up news article for the review page (tests and screenshots).

It is written here, not copied from any outlet; it carries a <script> tag and an
<img onerror> handler so that the tests can check nothing from an article executes.
"""

from __future__ import annotations

from pathlib import Path

HOSTILE_ARTICLE = """<html><head><title>Pyongyang and Moscow mark their pact</title></head>
<body><article>
<h1>Pyongyang and Moscow mark their pact</h1>
<p>By A. Writer, 20 June 2024</p>
<p>Russia and North Korea signed a treaty on comprehensive strategic partnership in
Pyongyang on 19 June 2024. Article 4 of the treaty obliges each side to provide military
assistance if the other is attacked. <script>window.__xss = 1; document.title = "pwned";</script>
Analysts said NATO has 30 member states.<img src="x" onerror="window.__xss = 2">
The 1961 treaty between China and North Korea also remains in force.</p>
</article></body></html>
"""


def write_article(folder: Path) -> Path:
    path = folder / "hostile-article.html"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return path


def seed_news(db: Path, folder: Path) -> bool:
    """Ingest the made-up article into ``db``; False when the news module is missing."""
    from foederis.web import newsbridge

    if not newsbridge.available():
        return False
    newsbridge.ingest_files([write_article(folder)], db)
    return True
