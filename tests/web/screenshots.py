"""Take the screenshots in docs/screenshots/ with the system headless Chromium.

    python tests/web/screenshots.py            # writes docs/screenshots/*.png

Starts the app on a free loopback port over the built-in KB (the ATOP layer switched off,
so the pictures do not depend on what this machine imported), with a temporary news
database holding a small made-up article; then opens each page at laptop width (1280) and
some also at phone width (390). When the ATOP files are in ../shared/data/atop, a second
server with a freshly built coded layer shows the network through history (1914, 1970).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from liveserver import chromium, chromium_missing, live_server  # noqa: E402
from newsdata import seed_news  # noqa: E402

from foederis.web import create_app  # noqa: E402

OUT = HERE.parents[1] / "docs" / "screenshots"
ATOP = HERE.parents[2] / "shared" / "data" / "atop"
YEONPYEONG = "/?attacker=PRK&target=KOR&date=2010-11-23&where=yeonpyeong-island"


def main() -> int:
    why = chromium_missing()
    if why:
        print(f"cannot take screenshots: {why}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["FOEDERIS_ATOP"] = "off"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.sqlite"
        seed_news(db, Path(tmp))
        with live_server(create_app(db_path=db)) as base, chromium() as browser:

            def shot(
                name: str,
                path: str,
                width: int = 1280,
                height: int = 860,
                full: bool = False,
                ready: str | None = None,
                action: str | None = None,
            ) -> None:
                page = browser.new_page(
                    viewport={"width": width, "height": height}, device_scale_factor=1
                )
                page.goto(base + path)
                if ready:
                    page.wait_for_selector(ready)
                if action:
                    page.evaluate(action)
                    page.wait_for_timeout(400)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
                page.close()
                print(f"wrote {OUT / (name + '.png')}")

            shot("scenario", YEONPYEONG, full=True)
            shot("scenario-phone", YEONPYEONG, width=390, height=844)
            shot("home", "/")
            shot("treaties", "/treaties")
            shot("treaty-nato", "/treaties/nato")
            shot("treaty-nato-timeline", "/treaties/nato#parties")
            shot(
                "network",
                "/network?date=2022-12-31&state=FIN",
                ready="#network[data-date='2022-12-31'] .edge",
                height=900,
            )
            shot(
                "network-phone",
                "/network?date=2022-12-31&state=FIN",
                width=390,
                height=844,
                ready="#network[data-date='2022-12-31'] .edge",
                full=True,
            )
            shot(
                "scenario-gray-zone",
                "/?attacker=CHN&target=PHL&date=2024-06-17&where=second-thomas-shoal"
                "&asset=coast_guard&severity=gray_zone",
            )
            shot("scenario-errors", "/?attacker=Korea&target=Narnia&date=2024-02-30")
            shot(
                "cascade-poland",
                "/?attacker=RUS&target=POL&date=2025-01-01",
                full=True,
                action="document.getElementById('cascade').scrollIntoView()",
            )
            shot(
                "cascade-phone",
                "/?attacker=PRK&target=KOR&date=2010-11-23&mode=escalation",
                width=390,
                height=844,
                action="document.getElementById('cascade').scrollIntoView()",
            )
            shot(
                "history",
                "/history?state=PHL&from=1945&to=2026",
                ready="#history-chart[data-drawn='true']",
                full=True,
            )
            shot(
                "treaty-nato-membership",
                "/treaties/nato#parties",
                ready="#membership-chart[data-drawn='true']",
            )
            shot(
                "network-1914",
                "/network?date=1914-12-31",
                ready="#network[data-date='1914-12-31']",
                height=900,
            )
            shot("review", "/review", full=True)
            shot("api-docs", "/docs", ready=".opblock")
            if (ATOP / "atop4_01_member.csv").is_file():
                atop_shots(browser, Path(tmp))
            else:
                print(f"no ATOP files in {ATOP}: network-atop-*.png not refreshed")
    return 0


def atop_shots(browser: object, tmp: Path) -> None:
    """The network with the coded ATOP layer: 1914 (coded alliances only) and 1970
    (curated treaties in colour beside the coded ones in grey dots)."""
    from foederis.atop.layer import import_atop, write_layer
    from foederis.kb import load_kb

    layer = tmp / "atop-layer.json"
    write_layer(import_atop(ATOP), layer)
    with live_server(create_app(kb=load_kb(atop=layer))) as base:
        for year in (1914, 1970):
            page = browser.new_page(  # type: ignore[attr-defined]
                viewport={"width": 1280, "height": 900}, device_scale_factor=1
            )
            page.goto(f"{base}/network?date={year}-12-31")
            page.wait_for_selector(f"#network[data-date='{year}-12-31'] #net-edges line")
            page.screenshot(path=str(OUT / f"network-atop-{year}.png"), full_page=True)
            page.close()
            print(f"wrote {OUT / f'network-atop-{year}.png'}")


if __name__ == "__main__":
    raise SystemExit(main())
