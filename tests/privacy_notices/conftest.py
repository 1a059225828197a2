from __future__ import annotations

import html
import io
import json
import re
from typing import Any

import pytest
from pypdf import PdfReader

from privacy_notices.interchange import export_organisation
from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, LegalBasis
from tests.factories import bare_register, complete_register, notice_with


def page_text(body: bytes | str) -> str:
    """The visible text of an HTML page, whitespace collapsed."""
    if isinstance(body, bytes):
        body = body.decode()
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages)).strip()


@pytest.fixture
def notice(organisation: Controller) -> PrivacyNotice:
    """A single-register notice of the officer's organisation with every field filled."""
    return notice_with(organisation, complete_register(organisation), slug="tietosuojaseloste")


@pytest.fixture
def incomplete(organisation: Controller) -> PrivacyNotice:
    """A notice whose only register has a purpose and nothing else."""
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    return notice_with(organisation, register, slug="puutteellinen")


FAKE_PDF = b"%PDF-1.7\n% a stand-in: these tests are about the page and the content\n"


@pytest.fixture
def document(organisation: Controller, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The export of an organisation with one published version, then the
    organisation deleted: "another installation" to import into."""
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", lambda content: FAKE_PDF)
    notice = notice_with(organisation, complete_register(organisation), slug="tietosuojaseloste")
    publish_notice(notice=notice, published_by=None, change_note="Ensimmäinen.", acknowledged=[])
    exported = json.loads(json.dumps(export_organisation(organisation)))
    Controller.objects.filter(pk=organisation.pk).delete()
    return exported
