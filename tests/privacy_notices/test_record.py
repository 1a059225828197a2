from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.record import COLUMNS
from registers.models import Controller, Register
from tests.factories import complete_register
from tests.privacy_notices.conftest import pdf_text

pytestmark = pytest.mark.django_db

PDF_URL = "/hallinta/oma-organisaatio-oy/seloste-kasittelytoimista.pdf"
CSV_URL = "/hallinta/oma-organisaatio-oy/seloste-kasittelytoimista.csv"


@pytest.fixture
def registers(organisation: Controller) -> list[Register]:
    archived = complete_register(organisation, "Vanha rekisteri")
    Register.objects.filter(pk=archived.pk).update(archived=True)
    return [complete_register(organisation, "Asiakasrekisteri")]


def test_the_csv_record_has_a_row_per_active_register_covering_article_30(
    client: Client, officer: User, registers: list[Register]
) -> None:
    client.force_login(officer)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, *data = rows
    for point in ("1 a", "1 b", "1 c", "1 d", "1 e", "1 f", "1 g"):
        assert any(f"(30 art. {point})" in heading for heading in header), point
    assert len(data) == 1
    row = dict(zip([key for key, _ in COLUMNS], data[0], strict=True))
    assert "Oma Organisaatio Oy" in row["controller"]
    assert "dpo" in row and row["dpo"] == "Ei nimitetty"
    assert "joint-arrangement-text" in row["joint_controllers"]
    assert "purpose-consent (suostumus, 6 artiklan 1 kohdan a alakohta)" in row["purposes"]
    assert row["data_subjects"] == "subject-name"
    assert "special-category" in row["data_categories"]
    assert "recipient-name" in row["recipients"]
    assert "transfer-country" in row["transfers"]
    assert "3 vuotta retention-start-text" in row["retention"]
    assert "measure-text" in row["security"]


def test_the_pdf_record_covers_every_active_register(
    client: Client, officer: User, registers: list[Register]
) -> None:
    client.force_login(officer)
    response = client.get(PDF_URL)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Seloste käsittelytoimista" in text
    assert "Asiakasrekisteri" in text
    assert "Vanha rekisteri" not in text
    assert "Tekniset ja organisatoriset turvatoimet (30 art. 1 g)" in text


@pytest.mark.parametrize("url", [PDF_URL, CSV_URL])
def test_outsiders_get_404_for_the_record(client: Client, outsider: User, url: str) -> None:
    client.force_login(outsider)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [PDF_URL, CSV_URL])
def test_the_record_needs_sign_in(client: Client, organisation: Controller, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
