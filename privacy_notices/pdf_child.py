"""Preloaded by the PDF forkserver (privacy_notices/pdf.py): Django and WeasyPrint.

The forkserver is a fresh interpreter, started with the calling process's
environment (DJANGO_SETTINGS_MODULE and the rest) and sys.path; it sets Django up,
imports WeasyPrint and lays out a tiny document once, and every render child forks
from it with all of that loaded. It never opens a database connection: a render needs
only the static files. Never import this module anywhere else: django.setup() would
configure logging again.
"""

from __future__ import annotations

import django

django.setup()

import privacy_notices.pdf  # noqa: E402, F401 (the children's entry point)
from privacy_notices import pdf_layout  # noqa: E402

pdf_layout.warm_up()
