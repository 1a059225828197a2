from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from privacy_notices.checks import check_notice
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, LegalBasis, Register
from tests.factories import bare_register, notice_with

FAKE_PDF = b"%PDF-1.7 fake"


@pytest.fixture(autouse=True)
def _fake_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The request tests publish many notices; the PDF's layout is tested elsewhere."""
    monkeypatch.setattr(
        "privacy_notices.publishing.render_notice_pdf", lambda content, **kwargs: FAKE_PDF
    )


def publish(notice: PrivacyNotice) -> NoticeVersion:
    missing = [f.code for f in check_notice(notice) if f.blocking]
    return publish_notice(notice=notice, published_by=None, change_note="1", acknowledged=missing)


@pytest.fixture
def customers(organisation: Controller) -> Register:
    """A published register on contract and legitimate interests: no consent."""
    return bare_register(
        organisation, "Asiakasrekisteri", LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS
    )


@pytest.fixture
def newsletter(organisation: Controller) -> Register:
    return bare_register(organisation, "Uutiskirjerekisteri", LegalBasis.CONSENT)


@pytest.fixture
def published(organisation: Controller, customers: Register, newsletter: Register) -> NoticeVersion:
    """The organisation's notice of both registers, published."""
    return publish(notice_with(organisation, customers, newsletter, slug="tietosuojaseloste"))


def form_data(register: Register | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "request_type": "access",
        "registers": [str(register.pk)] if register else ["en-tieda"],
        "name": "Maija Meikäläinen",
        "email": "maija@example.com",
        "phone": "",
        "message": "Haluan nähdä kaikki tietoni.",
        "correction": "",
        "homepage": "",
    }
    data.update(overrides)
    return data


def submit(client: Client, org: str, **overrides: Any) -> Any:
    return client.post(f"/{org}/pyynto/", form_data(**overrides))
