"""PDF rendering with WeasyPrint: the notice and the Art. 30 record.

Render only: these functions return bytes; storing and serving happen elsewhere.
WeasyPrint fetches nothing but the app's own static files (``StaticFilesURLFetcher``),
so no user text can make it read a local file or reach the network.

Layout never runs in the process that called it (a web worker): each PDF is laid
out in a process of its own, forked from a small server process that has WeasyPrint
loaded (multiprocessing's "forkserver", started on first use, one per calling
process). The child runs at a lower CPU priority under a memory limit
(``PDF_RENDER_MEMORY_MB``, RLIMIT_AS) and is killed after ``PDF_RENDER_TIMEOUT``
seconds, so a huge or slow document costs the officer who asked for it a clear
Finnish message, and nobody else anything: public pages keep being served, and
WeasyPrint's slow memory growth ends with each child.
"""

from __future__ import annotations

import logging
import mimetypes
import multiprocessing
import os
import posixpath
import resource
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
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


class PdfRenderError(Exception):
    """The PDF could not be made; ``message`` tells the officer why, in Finnish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PdfTooSlow(PdfRenderError):
    """Layout went on past PDF_RENDER_TIMEOUT and was stopped."""


class PdfTooLarge(PdfRenderError):
    """Layout needed more memory than PDF_RENDER_MEMORY_MB allows."""


def layout_pdf(html: str) -> bytes:
    """Lay out trusted template output as a tagged A4 PDF, in this process.

    Only the rendering child calls this; everything else calls ``html_to_pdf``.
    """
    document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticFilesURLFetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return pdf


# The child lowers its own priority by this much, so that web workers come first on a
# busy machine.
CHILD_NICENESS = 10

_context_lock = threading.Lock()
_context: multiprocessing.context.ForkServerContext | None = None


def _forkserver() -> multiprocessing.context.ForkServerContext:
    """The forkserver context, its server preloading Django and WeasyPrint once."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            # Not __main__ (gunicorn or pytest): only what a render needs.
            context.set_forkserver_preload(["privacy_notices.pdf_child"])
            _context = context
        return _context


def _render_child(connection: Connection, html: str, memory_bytes: int) -> None:
    """In the child: lay out under the limits and send back ("ok", bytes) or an error."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        os.nice(CHILD_NICENESS)
        connection.send(("ok", layout_pdf(html)))
    except MemoryError:
        connection.send(("memory", None))
    except BaseException as error:  # noqa: BLE001 (reported to the parent, which raises)
        connection.send(("error", f"{type(error).__name__}: {error}"[:2000]))
    finally:
        connection.close()


def html_to_pdf(html: str) -> bytes:
    """Lay out trusted template output as a tagged A4 PDF in a separate process.

    Raises PdfTooSlow or PdfTooLarge (with a Finnish message for the officer) when the
    document breaks the limits, PdfRenderError when layout failed otherwise.
    """
    timeout = float(settings.PDF_RENDER_TIMEOUT)
    memory_mb = int(settings.PDF_RENDER_MEMORY_MB)
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_render_child, args=(sender, html, memory_mb * 1024 * 1024), daemon=True
    )
    started = time.monotonic()
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            child.kill()
            logger.warning("PDF layout stopped after %.0f s (%d characters)", timeout, len(html))
            raise PdfTooSlow(
                _(
                    "PDF-tiedoston muodostaminen kesti liian kauan (yli %(seconds)s s), ja se "
                    "keskeytettiin. Seloste on liian pitkä: lyhennä pisimpiä tekstejä tai jaa "
                    "rekisterit useampaan selosteeseen."
                )
                % {"seconds": f"{timeout:g}"}
            )
        try:
            status, payload = receiver.recv()
        except EOFError:
            status, payload = "died", None
    finally:
        receiver.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    if status == "died":
        # Killed by a signal without a word: how the memory limit ends a child when a
        # native library, not Python, runs out of memory (abort or segfault).
        status = "memory" if (child.exitcode or 0) < 0 else "error"
        payload = f"the rendering process exited with {child.exitcode}"
    logger.info("PDF laid out in %.2f s (%d characters)", time.monotonic() - started, len(html))
    if status == "ok":
        return payload
    if status == "memory":
        logger.warning("PDF layout ran out of memory (%d MiB, %d characters)", memory_mb, len(html))
        raise PdfTooLarge(
            _(
                "PDF-tiedosto olisi liian suuri muodostettavaksi (muistiraja %(limit)s Mt "
                "ylittyi). Seloste on liian pitkä: lyhennä pisimpiä tekstejä tai jaa "
                "rekisterit useampaan selosteeseen."
            )
            % {"limit": memory_mb}
        )
    logger.error("PDF layout failed: %s", payload)
    raise PdfRenderError(
        _(
            "PDF-tiedoston muodostaminen epäonnistui. Yritä uudelleen; jos virhe toistuu, "
            "ota yhteyttä palvelun ylläpitoon."
        )
    )


def render_notice_pdf(content: dict[str, Any], *, draft: bool = False) -> bytes:
    """The notice as a PDF, from the same body template as the web page."""
    html = render_to_string("privacy_notices/notice_pdf.html", notice_context(content, draft=draft))
    return html_to_pdf(html)


def render_record_pdf(record: dict[str, Any]) -> bytes:
    """The Art. 30 record of processing activities as a PDF."""
    return html_to_pdf(render_to_string("privacy_notices/record_pdf.html", record))
