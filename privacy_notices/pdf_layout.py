"""PDF layout with WeasyPrint, in the rendering process only.

Nothing in the web process imports this module (a test checks): WeasyPrint costs
each process about 40 MiB and its memory grows with every layout, so it lives in the
PDF forkserver and its short-lived children (privacy_notices/pdf.py). Everything else
calls ``privacy_notices.pdf.html_to_pdf``.

WeasyPrint fetches nothing but the app's own static files (``StaticFilesURLFetcher``),
so no user text can make it read a local file or reach the network.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The same HTML lays out to the same bytes: fontTools (WeasyPrint's font subsetter
# when HarfBuzz's is missing) stamps each embedded font with the time it was saved,
# unless SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it. Only this
# process and its rendering children read it.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

# Relative URLs in the PDF templates resolve against this made-up origin; the fetcher
# maps it to static files and nothing else. ".invalid" never resolves (RFC 2606).
STATIC_ORIGIN = "https://seloste-static.invalid"
STATIC_BASE_URL = f"{STATIC_ORIGIN}/static/"

# Tagged PDF for screen readers (PDF/UA-1), supported by WeasyPrint since v59.
PDF_VARIANT = "pdf/ua-1"

# Laid out once in the forkserver, so that each child starts with the stylesheet's
# fonts and WeasyPrint's first-use caches loaded (about 70 ms a render).
WARM_UP_HTML = (
    '<!doctype html><html lang="fi"><head><meta charset="utf-8">'
    '<link rel="stylesheet" href="privacy_notices/notice-print.css"></head>'
    "<body><h1>Å</h1><p>ä <b>ö</b> <i>å</i></p></body></html>"
)


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than one of the app's static files."""


class StaticFilesURLFetcher(URLFetcher):
    """Serves the app's static files to WeasyPrint and refuses every other URL."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = static_path_for(url)
        found = finders.find(path)
        if not found or isinstance(found, list):
            raise RefusedURL(f"Static file not found: {path}")
        body = Path(found).read_bytes()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def static_path_for(url: str) -> str:
    """The static file path an allowed URL names; RefusedURL for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != STATIC_ORIGIN or parts.query:
        logger.warning("Refused to fetch %r while rendering a PDF", url[:200])
        raise RefusedURL(f"Only the app's static files may be fetched, not {url[:200]!r}")
    raw = unquote(parts.path)
    if not raw.startswith("/static/"):
        raise RefusedURL(f"Only the app's static files may be fetched, not {url[:200]!r}")
    relative = raw.removeprefix("/static/")
    normalised = posixpath.normpath(relative)
    if normalised.startswith(("..", "/")) or normalised != relative or "\\" in relative:
        raise RefusedURL(f"Refused path {relative!r}")
    return normalised


def layout_pdf(html: str) -> bytes:
    """Lay out trusted template output as a tagged A4 PDF, in this process."""
    document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticFilesURLFetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return pdf


def warm_up() -> None:
    """Load the fonts and WeasyPrint's caches once, before any child is forked.

    A failure only costs each render the time it would have saved.
    """
    try:
        layout_pdf(WARM_UP_HTML)
    except Exception:
        logger.exception("Warming up the PDF layout failed")
