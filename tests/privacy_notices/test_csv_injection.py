"""No cell of a CSV the app writes can run as a spreadsheet formula (OWASP: CSV injection).

A cell that starts with =, +, -, @, a tab or a carriage return is a formula in Excel or
LibreOffice (=HYPERLINK can send the reader anywhere, DDE can run commands); a leading
single quote makes it text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.record import COLUMNS
from registers.models import Controller
from tests.factories import complete_register

pytestmark = pytest.mark.django_db

CSV_URL = "/hallinta/oma-organisaatio-oy/seloste-kasittelytoimista.csv"
ROOT = Path(__file__).resolve().parent.parent.parent
USES_CSV = re.compile(r"^\s*(import csv\b|from csv import)", re.MULTILINE)


def download(client: Client, officer: User) -> list[dict[str, str]]:
    client.force_login(officer)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    assert header == [heading for _key, heading in COLUMNS]
    return [dict(zip([key for key, _ in COLUMNS], row, strict=True)) for row in rows]


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://x","klikkaa")',
        "+1+1",
        "-2+3",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
    ],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return"],
)
def test_a_register_name_that_starts_a_formula_is_exported_as_text(
    client: Client, officer: User, organisation: Controller, name: str
) -> None:
    complete_register(organisation, name)
    (row,) = download(client, officer)
    assert row["register"] == f"'{name}\n{name}: description-text"


def test_every_cell_is_neutralised_not_only_the_register_name(
    client: Client, officer: User, organisation: Controller
) -> None:
    Controller.objects.filter(pk=organisation.pk).update(name="=1+1 Oy")
    complete_register(organisation, "Asiakasrekisteri")
    (row,) = download(client, officer)
    assert row["controller"].startswith("'=1+1 Oy\n")
    assert row["register"].startswith("Asiakasrekisteri\n")  # other cells stay as they are


def test_every_csv_writer_goes_through_the_one_safe_helper() -> None:
    helper = ROOT / "privacy_notices" / "spreadsheet_csv.py"
    writers = [
        path.relative_to(ROOT)
        for app in ("config", "registers", "privacy_notices", "subjects")
        for path in (ROOT / app).rglob("*.py")
        if path != helper and USES_CSV.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == []
