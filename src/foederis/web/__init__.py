"""The web app and HTTP API of foederis (``foederis serve``).

from foederis.web import create_app
app = create_app(db_path=None, kb=None)
"""

from __future__ import annotations

from foederis.web.app import create_app, tune_gc

__all__ = ["create_app", "tune_gc"]
