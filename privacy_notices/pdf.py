"""PDF rendering: the notice and the Art. 30 record, each laid out in a process of its own.

Render only: these functions return bytes; storing and serving happen elsewhere.

Layout never runs in the process that asked for it (a web worker), and that process
never even imports WeasyPrint (privacy_notices/pdf_layout.py). Each PDF is laid out
in a child forked from a small server process that has Django and WeasyPrint loaded
and warmed up (multiprocessing's "forkserver", started on first use, one per calling
process; privacy_notices/pdf_child.py). The child runs at a lower CPU priority under
a memory limit (``PDF_RENDER_MEMORY_MB``, RLIMIT_AS) and is killed after
``PDF_RENDER_TIMEOUT`` seconds, so a huge or slow document costs the officer who asked
for it a clear Finnish message, and nobody else anything: public pages keep being
served, and WeasyPrint's slow memory growth ends with each child.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import resource
import signal
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from privacy_notices.rendering import notice_context

logger = logging.getLogger(__name__)

# The child lowers its own priority by this much, so that web workers come first on a
# busy machine.
CHILD_NICENESS = 10

# The child's own CPU-time limit is this much above the time limit: a backstop that
# ends a child whose caller died without killing it (CPU time never exceeds the wall
# time of a single-threaded layout, so while the caller lives its own limit comes first).
CPU_LIMIT_MARGIN_SECONDS = 5


class PdfRenderError(Exception):
    """The PDF could not be made; ``message`` tells the officer why, in Finnish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PdfTooSlow(PdfRenderError):
    """Layout went on past PDF_RENDER_TIMEOUT and was stopped."""


class PdfTooLarge(PdfRenderError):
    """Layout needed more memory than PDF_RENDER_MEMORY_MB allows."""


def render_notice_pdf(
    content: dict[str, Any], *, draft: bool = False, draft_number: int | None = None
) -> bytes:
    """The notice as a PDF, from the same body template as the web page.

    A draft's PDF names the version number publishing it would give (``draft_number``)
    in its metadata and footer, so that a printed preview is not taken for a version.
    """
    context = notice_context(content, draft=draft)
    context["draft_number"] = draft_number
    html = render_to_string("privacy_notices/notice_pdf.html", context)
    return html_to_pdf(html)


def render_record_pdf(record: dict[str, Any]) -> bytes:
    """The Art. 30 record of processing activities as a PDF."""
    return html_to_pdf(render_to_string("privacy_notices/record_pdf.html", record))


def html_to_pdf(html: str) -> bytes:
    """Lay out trusted template output as a tagged A4 PDF in a separate process.

    Raises PdfTooSlow or PdfTooLarge (with a Finnish message for the officer) when the
    document breaks the limits, PdfRenderError when layout failed otherwise.
    """
    timeout = float(settings.PDF_RENDER_TIMEOUT)
    memory_mb = int(settings.PDF_RENDER_MEMORY_MB)
    started = time.monotonic()
    status, payload, peak_mib = _lay_out_in_child(html, timeout=timeout, memory_mb=memory_mb)
    seconds = time.monotonic() - started
    if status == "ok":
        logger.info(
            "PDF laid out in %.2f s (%d characters, at most %s MiB of address space)",
            seconds,
            len(html),
            peak_mib,
        )
        return bytes(payload)
    if status == "slow":
        logger.warning("PDF layout stopped after %.1f s (%d characters)", seconds, len(html))
        raise PdfTooSlow(
            _(
                "PDF-tiedoston muodostaminen kesti liian kauan (yli %(seconds)s s), ja se "
                "keskeytettiin. Seloste on liian pitkä: lyhennä pisimpiä tekstejä tai jaa "
                "rekisterit useampaan selosteeseen."
            )
            % {"seconds": f"{timeout:g}"}
        )
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


def _lay_out_in_child(html: str, *, timeout: float, memory_mb: int) -> tuple[str, Any, int | None]:
    """(status, payload, peak MiB): "ok" with the bytes, "slow", "memory" or "error"."""
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_render_child,
        args=(sender, html, memory_mb * 1024 * 1024, math.ceil(timeout) + CPU_LIMIT_MARGIN_SECONDS),
        daemon=True,
    )
    try:
        try:
            child.start()
        except Exception as error:  # the forkserver could not start or fork
            logger.exception("Could not start a PDF rendering process")
            return "error", f"{type(error).__name__}: {error}", None
        finally:
            # The child holds the only write end now: its death reads as EOF here.
            sender.close()
        if not receiver.poll(timeout):
            child.kill()
            return "slow", None, None
        try:
            status, payload, peak_mib = receiver.recv()
            return status, payload, peak_mib
        except EOFError:
            pass  # died without a word; the exit code below tells why
    finally:
        receiver.close()
        if child.pid is not None:
            # The forkserver reaps the child and reports its exit code here: no zombie.
            child.join(5)
            if child.is_alive():
                child.kill()
                child.join()
    code = child.exitcode
    if code == -signal.SIGXCPU:
        return "slow", None, None
    if code is not None and code < 0:
        # Killed by a signal: how the memory limit ends a child when a native library,
        # not Python, runs out of memory (abort or segfault), or the kernel's OOM killer.
        return "memory", None, None
    return "error", f"the rendering process exited with {code}", None


_context_lock = threading.Lock()
_context: ForkServerContext | None = None


def _forkserver() -> ForkServerContext:
    """The forkserver context, its server preloading Django and WeasyPrint once.

    multiprocessing starts the server on the first render in each process and it ends
    with that process. A process forked after its parent started one cannot use the
    parent's (multiprocessing checks on it with waitpid), so the gunicorn master must
    never render a PDF: each worker starts its own on its first render.
    """
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            # Not __main__ (gunicorn or pytest): only what a render needs.
            context.set_forkserver_preload(["privacy_notices.pdf_child"])
            _context = context
        return _context


def _render_child(connection: Connection, html: str, memory_bytes: int, cpu_seconds: int) -> None:
    """In the child: lay out under the limits, send back (status, payload, peak MiB)."""
    try:
        # No core file of a child that a limit ended, in whatever directory it runs.
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        os.nice(CHILD_NICENESS)
        # Loaded in the forkserver already (pdf_child.py); never in the caller.
        from privacy_notices.pdf_layout import layout_pdf

        result: tuple[str, Any] = ("ok", layout_pdf(html))
    except MemoryError:
        result = ("memory", None)
    except BaseException as error:  # noqa: BLE001 (reported to the parent, which raises)
        result = ("error", f"{type(error).__name__}: {error}"[:2000])
    peak_mib = _peak_address_space_mib()
    if (
        result[0] == "error"
        and peak_mib is not None
        and peak_mib * 1024 * 1024 >= 0.9 * memory_bytes
    ):
        # Native code that runs out of memory rarely raises MemoryError (a SystemError
        # "error return without exception set", say): near the limit, that is the cause.
        result = ("memory", None)
    try:
        connection.send((*result, peak_mib))
    finally:
        connection.close()


def _peak_address_space_mib() -> int | None:
    """This process's largest address space so far (what RLIMIT_AS limits), Linux only."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None
