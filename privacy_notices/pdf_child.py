"""Preloaded by the PDF forkserver (privacy_notices/pdf.py): Django and WeasyPrint.

The forkserver is a fresh interpreter, started with the calling process's
environment (DJANGO_SETTINGS_MODULE and the rest) and sys.path; it sets Django up,
imports WeasyPrint and lays out a tiny document once, and every render child forks
from it with all of that loaded. It never opens a database connection: a render needs
only the static files. Never import this module anywhere else: django.setup() would
configure logging again.
"""

from __future__ import annotations

from multiprocessing import spawn

import django

# multiprocessing runs the calling process's __main__ again in every child before the
# target (gunicorn's script, manage.py, pytest: 20-160 ms each, and a script without
# an `if __name__ == "__main__":` guard would render again in its child). A render
# child needs nothing from it: its target is privacy_notices.pdf._render_child, which
# this server has loaded. If a Python upgrade renames these private functions, the
# assignments do nothing and children import __main__ again, slower but correct.
spawn._fixup_main_from_path = lambda main_path: None  # type: ignore[attr-defined]
spawn._fixup_main_from_name = lambda mod_name: None  # type: ignore[attr-defined]

django.setup()

import privacy_notices.pdf  # noqa: E402, F401 (the children's entry point)
from privacy_notices import pdf_layout  # noqa: E402

pdf_layout.warm_up()
