"""CSV files for spreadsheets, safe to open: every CSV the app writes is made here.

A spreadsheet takes a cell that starts with =, +, -, @, a tab or a carriage return for
a formula: ``=HYPERLINK(...)`` in a register's name would be a link in the officer's
Excel, and DDE formulas can run commands. OWASP's rule ("CSV Injection") is to prefix
such a cell with a single quote, which Excel and LibreOffice show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: str) -> str:
    """The cell as a spreadsheet shows it as text, never runs it."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def spreadsheet_csv(rows: Iterable[Iterable[str]]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, so Finnish Excel opens it as is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows([as_text(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
