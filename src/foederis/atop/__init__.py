"""ATOP (Alliance Treaty Obligations and Provisions; Leeds, Ritter, Mitchell & Long 2002).

``foederis.atop.read`` reads the ATOP 4.01 alliance- and member-level files and the 5.1
directed dyad-year file into typed records (never shipped: the user passes the folder they
downloaded from atopdata.org). The coded layer built from them lives in
``foederis.atop.layer``.
"""

from __future__ import annotations

ATOP_CITATION = (
    "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. "
    "2002. Alliance Treaty Obligations and Provisions, 1815-1944. International "
    "Interactions 28: 237-60."
)
CODEBOOK_URL = "http://www.atopdata.org/data.html"
