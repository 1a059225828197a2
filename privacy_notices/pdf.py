"""PDF rendering with WeasyPrint: the notice and the Art. 30 record.

Render only: these functions return bytes; storing and serving happen elsewhere.
WeasyPrint fetches nothing but the app's own static files (``StaticFilesURLFetcher``),
so no user text can make it read a local file or reach the network.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from privacy_notices.rendering import notice_context

logger = logging.getLogger(__name__)

# Relative URLs in the PDF templates resolve against this made-up origin; the fetcher
# maps it to static files and nothing else. ".invalid" never resolves (RFC 2606).
STATIC_ORIGIN = "https://seloste-static.invalid"
STATIC_BASE_URL = f"{STATIC_ORIGIN}/static/"

# Tagged PDF for screen readers (PDF/UA-1), supported by WeasyPrint since v59.
PDF_VARIANT = "pdf/ua-1"


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


def html_to_pdf(html: str) -> bytes:
    """Lay out trusted template output as a tagged A4 PDF."""
    document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticFilesURLFetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return pdf


def render_notice_pdf(content: dict[str, Any], *, draft: bool = False) -> bytes:
    """The notice as a PDF, from the same body template as the web page."""
    html = render_to_string("privacy_notices/notice_pdf.html", notice_context(content, draft=draft))
    return html_to_pdf(html)


def render_record_pdf(record: dict[str, Any]) -> bytes:
    """The Art. 30 record of processing activities as a PDF."""
    return html_to_pdf(render_to_string("privacy_notices/record_pdf.html", record))
