"""Preloaded by the PDF forkserver (privacy_notices/pdf.py): Django and WeasyPrint.

The forkserver is a fresh interpreter, started with the calling process's
environment (DJANGO_SETTINGS_MODULE and the rest); it sets Django up and imports
WeasyPrint once, and every render child forks from it with all of that loaded. It
never opens a database connection: a render needs only the static files.
"""

from __future__ import annotations

import django

django.setup()

import weasyprint  # noqa: E402, F401 (loaded once, for every child)

import privacy_notices.pdf  # noqa: E402, F401
