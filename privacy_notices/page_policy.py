"""The Content-Security-Policy of the public pages: nothing runs, nothing is sent.

The rest of the site has the policy of ``settings.CONTENT_SECURITY_POLICY``. Public
pages have no script and no form, so their policy refuses both, and any other
resource but their own stylesheet.

A notice's own page is stored with its version and served byte for byte forever
(``rendering.render_notice_page``); its CSS is inline, in one ``<style>`` element, so
that the page never depends on a static file whose name may change. The policy
allows exactly that stylesheet by its SHA-256 hash, computed from the page being
served: a page published years ago stays styled whatever notice.css says today, and
no other inline style or script is allowed. ``'unsafe-inline'`` would allow any.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from csp.constants import NONE, SELF
from csp.decorators import csp
from django.http import HttpResponse

PUBLIC_POLICY: dict[str, list[str]] = {
    "default-src": [NONE],
    "script-src": [NONE],
    "style-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [NONE],
    "frame-ancestors": [NONE],
}

# For a view whose page links its stylesheet (public_base.html), a PDF or a JSON file.
public_policy = csp(PUBLIC_POLICY)

# A style element's text, up to its end tag (the HTML tokenizer's rule for raw text).
_STYLE = re.compile(rb"<style\b[^>]*>([^<]*(?:<(?!/style)[^<]*)*)</style", re.IGNORECASE)


def inline_style_sources(page: bytes) -> list[str]:
    """The CSP hash source of each ``<style>`` element in the page's head.

    Only the head is searched: that is where the template puts the style, and the
    body is the notice's own (escaped) text. The pages are our own stored output, so
    a regular expression does; it takes some microseconds.
    """
    end = page.find(b"</head>")
    sources = []
    for text in _STYLE.findall(page, 0, end if end >= 0 else len(page)):
        # A browser hashes the text after its parser has turned CR LF and CR into LF.
        text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        digest = base64.b64encode(hashlib.sha256(text).digest()).decode("ascii")
        sources.append(f"'sha256-{digest}'")
    return sources


def notice_page_policy(response: HttpResponse, page: bytes) -> HttpResponse:
    """Give the response of a stored (or previewed) notice page the policy of its bytes.

    ``page`` is passed separately because a 304 response has no body, yet must carry
    the same policy: a browser updates its cached copy's headers from the 304.
    """
    # Read by django-csp's middleware; the same attribute its @csp decorator sets.
    config: dict[str, Any] = {**PUBLIC_POLICY, "style-src": inline_style_sources(page) or [NONE]}
    response._csp_config = config  # type: ignore[attr-defined]
    return response
