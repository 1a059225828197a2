"""The organisation's texts on exercising each right, under the right in the notice
(GDPR Art. 12(2), 15-22)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.interchange import export_organisation, import_organisation
from privacy_notices.rendering import render_notice_page
from registers.models import Controller, LegalBasis, Register, RightProcedure
from tests.factories import bare_register, notice_with
from tests.privacy_notices.conftest import page_text

pytestmark = pytest.mark.django_db


def _text(controller: Controller, right: str, text: str, register: Register | None = None) -> None:
    RightProcedure.objects.create(controller=controller, register=register, right=right, text=text)


def _page(content: dict[str, Any]) -> str:
    return page_text(render_notice_page(content, draft=True))


def _right_section(text: str) -> str:
    # The section's first sentence: its title also appears in the contents and summary.
    start = text.index("EU:n yleisen tietosuoja-asetuksen mukaan sinulla on")
    return text[start : text.index("Oikeus tehdä valitus valvontaviranomaiselle")]


def test_a_single_register_notice_shows_each_text_under_its_right(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    _text(organisation, "access", "Pyyntö kirjallisesti ja allekirjoitettuna.")
    _text(organisation, "rectification", "Kieltäytymisestä annetaan todistus.")
    _text(organisation, "erasure", "Kirjanpitoaineistoa ei poisteta.", register)
    section = _right_section(_page(build_notice_content(notice_with(organisation, register))))

    access = section.index("Oikeus tarkastaa tiedot")
    rectification = section.index("Oikeus tietojen oikaisemiseen")
    erasure = section.index("Oikeus tietojen poistamiseen")
    assert access < section.index("allekirjoitettuna") < rectification
    assert rectification < section.index("annetaan todistus") < erasure
    assert erasure < section.index("ei poisteta") < section.index("käsittelyn rajoittamiseen")
    # One register: not named under the right.
    assert "Asiakasrekisteri Kirjanpitoaineistoa" not in section


def test_a_multi_register_notice_names_the_register_of_each_text(
    organisation: Controller,
) -> None:
    first = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    second = bare_register(organisation, "Toimittajarekisteri", LegalBasis.CONTRACT)
    _text(organisation, "erasure", "Organisaation ohje.")
    _text(organisation, "erasure", "Laskuja ei poisteta.", first)
    _text(organisation, "erasure", "Laskuja ei poisteta.", second)
    _text(organisation, "restriction", "Ota yhteyttä hankintaan.", second)
    html = render_notice_page(
        build_notice_content(notice_with(organisation, first, second)), draft=True
    )

    assert "<h4>Asiakasrekisteri ja Toimittajarekisteri</h4>" in html
    assert "<h4>Toimittajarekisteri</h4>" in html
    assert html.index("<h4>Toimittajarekisteri</h4>") < html.index("Ota yhteyttä hankintaan.")
    section = _right_section(page_text(html))
    assert section.index("Organisaation ohje.") < section.index("Laskuja ei poisteta.")


def test_a_text_for_a_right_the_notice_lacks_is_not_published_and_the_check_warns(
    organisation: Controller,
) -> None:
    contract = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    interest = bare_register(organisation, "Markkinointi", LegalBasis.LEGITIMATE_INTERESTS)
    _text(organisation, "withdraw_consent", "Peru suostumus sähköpostilla.")
    _text(organisation, "portability", "Markkinoinnin tiedot siirretään CSV:nä.", interest)
    _text(organisation, "portability", "Asiakkaan tiedot siirretään CSV:nä.", contract)
    notice = notice_with(organisation, contract, interest)

    text = _page(build_notice_content(notice))
    assert "Peru suostumus" not in text
    assert "Markkinoinnin tiedot" not in text
    assert "Asiakkaan tiedot siirretään CSV:nä." in text

    warnings = {f.code for f in check_notice(notice) if not f.blocking}
    assert "right_procedure_unpublished:withdraw_consent:" in warnings
    assert f"right_procedure_unpublished:portability:{interest.pk}" in warnings
    assert f"right_procedure_unpublished:portability:{contract.pk}" not in warnings


def test_content_published_before_the_texts_renders_as_content_without_texts(
    organisation: Controller,
) -> None:
    first = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONSENT)
    second = bare_register(organisation, "Toimittajarekisteri", LegalBasis.CONTRACT)
    Controller.objects.filter(pk=organisation.pk).update(rights_instructions="Yleinen ohje.")
    organisation.refresh_from_db()
    content = build_notice_content(notice_with(organisation, first, second))
    assert content["controller"]["right_procedures"] == {}
    expected = render_notice_page(content, draft=True)
    # What an older release froze: no right_procedures anywhere.
    del content["controller"]["right_procedures"]
    for register in content["registers"]:
        del register["right_procedures"]
    assert render_notice_page(content, draft=True) == expected


def test_the_texts_travel_with_the_organisation(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    _text(organisation, "access", "Organisaation ohje.")
    _text(organisation, "erasure", "Rekisterin ohje.", register)
    document = json.loads(json.dumps(export_organisation(organisation)))
    assert document["right_procedures"] == [{"right": "access", "text": "Organisaation ohje."}]
    assert document["registers"][0]["right_procedures"] == [
        {"right": "erasure", "text": "Rekisterin ohje."}
    ]
    Controller.objects.filter(pk=organisation.pk).delete()

    imported = import_organisation(document)

    assert RightProcedure.objects.filter(controller=imported, register=None).texts() == {
        "access": "Organisaation ohje."
    }
    assert imported.register_set.get().right_procedures.texts() == {"erasure": "Rekisterin ohje."}
    assert export_organisation(imported) == document


def test_a_document_without_the_texts_still_imports(organisation: Controller) -> None:
    bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    document = json.loads(json.dumps(export_organisation(organisation)))
    del document["right_procedures"]
    for register in document["registers"]:
        del register["right_procedures"]
    Controller.objects.filter(pk=organisation.pk).delete()

    imported = import_organisation(document)

    assert not RightProcedure.objects.filter(controller=imported).exists()


def test_an_import_with_two_texts_for_one_right_is_refused(
    organisation: Controller,
) -> None:
    document = json.loads(json.dumps(export_organisation(organisation)))
    document["right_procedures"] = [
        {"right": "access", "text": "Yksi"},
        {"right": "access", "text": "Kaksi"},
    ]
    Controller.objects.filter(pk=organisation.pk).delete()
    with pytest.raises(Exception, match="right_procedures\\[1\\]"):
        import_organisation(document)
