"""The public reader's notice: contents, the "Lyhyesti" summary, links, the JSON
Schema and "Mitä muuttui" between versions."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
from django.test import Client

from privacy_notices.content import build_notice_content
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.page_safety import page_problems
from privacy_notices.publishing import publish_notice
from privacy_notices.rendering import render_notice_page
from registers.models import Controller, Purpose, Register
from tests.factories import complete_register, notice_with
from tests.privacy_notices.conftest import FAKE_PDF, page_text

pytestmark = pytest.mark.django_db

BASE = "/oma-organisaatio-oy/tietosuojaseloste"


@pytest.fixture
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the page and the JSON; the PDF has its own tests."""
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", lambda content: FAKE_PDF)


def _publish(notice: PrivacyNotice, note: str = "Muutos") -> NoticeVersion:
    return publish_notice(notice=notice, published_by=None, change_note=note)


def _summary(page: str) -> str:
    return page.split('id="s-summary"')[1].split("</section>")[0]


def _summary_labels(page: str) -> list[str]:
    return re.findall(r"<dt>(.*?)</dt>", _summary(page))


def test_the_summary_of_an_empty_register_says_nothing_the_organisation_did_not_say(
    organisation: Controller,
) -> None:
    register = Register.objects.create(controller=organisation, name="Tyhjä rekisteri")
    content = build_notice_content(notice_with(organisation, register))
    page = render_notice_page(content, draft=True)
    # Who the controller is and the rights (Art. 77 included) are in every notice;
    # data, purposes and retention were not stated, so they have no line.
    assert _summary_labels(page) == [
        "Kuka käsittelee tietojasi",
        "Oikeutesi",
        "Näin käytät oikeuksiasi",
    ]
    summary = page_text(_summary(page))
    assert "Säilytysaika" not in summary
    assert "ei ole" not in summary


def test_the_summary_repeats_the_notices_own_facts_and_links_its_sections(
    organisation: Controller, notice: PrivacyNotice, quick_pdf: None
) -> None:
    version = _publish(notice)
    page = version.rendered_html
    assert _summary_labels(page) == [
        "Kuka käsittelee tietojasi",
        "Mitä tietoja",
        "Mihin tietoja käytetään",
        "Kuinka kauan",
        "Oikeutesi",
        "Näin käytät oikeuksiasi",
    ]
    summary = _summary(page)
    register = version.content["registers"][0]
    assert register["data_categories"][0]["name"] in summary
    assert register["purposes"][0]["description"] in summary
    assert register["retention_rules"][0]["period_text"] in summary
    assert f'href="{version.content["request_url"]}"' in summary
    # Every "Lue lisää" goes to a section that is on the page.
    for anchor in re.findall(r'href="#(s-[a-z]+)"', summary):
        assert f'id="{anchor}"' in page


def test_a_retention_without_a_period_is_summed_up_as_criteria_only(
    organisation: Controller, notice: PrivacyNotice
) -> None:
    content = build_notice_content(notice)
    for rule in content["registers"][0]["retention_rules"]:
        rule["period_text"] = ""
    summary = page_text(_summary(render_notice_page(content, draft=True)))
    assert "Säilytysajan määrittämisen perusteet kerrotaan selosteessa." in summary


def test_a_listed_purpose_loses_its_own_full_stop_but_not_an_abbreviations(
    organisation: Controller, notice: PrivacyNotice
) -> None:
    content = build_notice_content(notice)
    purposes = content["registers"][0]["purposes"]
    purposes[0]["description"] = "Sopimukset, tarjoukset ja tilaukset."
    purposes.append({**purposes[0], "description": "Laskutus, perintä jne."})
    summary = page_text(_summary(render_notice_page(content, draft=True)))
    assert "Sopimukset, tarjoukset ja tilaukset, " in summary
    assert "tilaukset.," not in summary
    assert "Laskutus, perintä jne." in summary
    assert "jne.." not in summary


def test_the_table_of_contents_links_every_section_as_numbered(
    organisation: Controller,
) -> None:
    register = Register.objects.create(controller=organisation, name="Tyhjä rekisteri")
    page = render_notice_page(build_notice_content(notice_with(organisation, register)), draft=True)
    nav = re.search(r'<nav class="notice-toc" aria-label="Sisällys">(.*?)</nav>', page, re.S)
    assert nav is not None
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(1))
    headings = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', page)
    assert links == headings
    # Empty sections are left out and the rest renumbered: the contents follow.
    assert [title for _, title in links[1:4]] == [
        "1. Rekisterinpitäjä",
        "2. Yhteyshenkilö ja tietosuojavastaava",
        "3. Rekisterin nimi",
    ]


def test_addresses_become_links_and_nothing_else_does(
    organisation: Controller, notice: PrivacyNotice
) -> None:
    content = build_notice_content(notice)
    controller = content["controller"]
    controller.update(
        email="tietosuoja@example.fi",
        phone="+358 40 123 4567",
        website="javascript:alert(1)",
        representative='Katso https://example.fi/edustaja. <script>alert("x")</script>',
    )
    cookie = content["registers"][0]["cookies"][0]
    cookie["opt_out_url"] = "javascript:alert(2)"
    page = render_notice_page(content, draft=True)
    assert '<a href="mailto:tietosuoja@example.fi">tietosuoja@example.fi</a>' in page
    assert '<a href="tel:+358401234567">+358 40 123 4567</a>' in page
    assert '<a rel="noopener" href="https://example.fi/edustaja">' in page
    assert "javascript:" not in re.sub(r">[^<]*<", "><", page)  # in no attribute
    assert "javascript:alert(1)" in page_text(page)  # printed as the text it is
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_the_printed_footer_gives_the_versions_full_address(
    client: Client, notice: PrivacyNotice, settings: Any, quick_pdf: None
) -> None:
    settings.SITE_URL = "https://seloste.example.fi"
    _publish(notice)
    page = client.get(f"{BASE}/1/").content.decode()
    footer = page.split('<footer class="notice-footer">')[1]
    address = f"https://seloste.example.fi{BASE}/1/"
    assert f'<a href="{address}">{address}</a>' in footer


def test_the_json_names_its_schema_and_validates_against_it(
    client: Client, notice: PrivacyNotice, quick_pdf: None
) -> None:
    _publish(notice)
    Purpose.objects.filter(description="purpose-consent").update(description="uusi")
    _publish(notice, "Toinen")
    schema_response = client.get("/api/skeema/tietosuojaseloste-1.json")
    assert schema_response["Content-Type"] == "application/schema+json; charset=utf-8"
    schema = json.loads(schema_response.content)
    jsonschema.Draft202012Validator.check_schema(schema)
    for number in (1, 2):
        response = client.get(f"{BASE}/{number}.json")
        document = json.loads(response.content)
        assert document["$schema"] == "http://testserver/api/skeema/tietosuojaseloste-1.json"
        assert response["Link"] == f'<{document["$schema"]}>; rel="describedby"'
        jsonschema.validate(
            document, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )


def test_the_schema_refuses_a_document_that_is_not_a_notice(client: Client) -> None:
    schema = json.loads(client.get("/api/skeema/tietosuojaseloste-1.json").content)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"document": "tietosuojaseloste", "version": "1"}, schema)


def test_mita_muuttui_shows_what_was_removed_and_added_section_by_section(
    client: Client,
    notice: PrivacyNotice,
    quick_pdf: None,
    django_assert_max_num_queries: Any,
) -> None:
    _publish(notice, "Ensimmäinen")
    Purpose.objects.filter(description="purpose-consent").update(description="uusi-tarkoitus")
    _publish(notice, "Tarkoitus muuttui")
    versions = client.get(f"{BASE}/versiot/").content.decode()
    assert f'href="{BASE}/2/muutokset/"' in versions
    assert f'href="{BASE}/1/muutokset/"' not in versions
    with django_assert_max_num_queries(1):
        response = client.get(f"{BASE}/2/muutokset/")
    assert response.status_code == 200
    text = page_text(response.content)
    assert "Tarkoitus muuttui" in text
    changes = response.content.decode().split('class="changes"')[1]
    sections = re.findall(r"<h2[^>]*>(.*?)</h2>", changes)
    # Only the changed section; the summary repeats it and is not compared.
    assert sections == ["Käsittelyn tarkoitus ja oikeusperuste"]
    assert re.search(r"<del>purpose-consent\b", changes)
    assert re.search(r"<ins>uusi-tarkoitus\b", changes)


def test_mita_muuttui_says_so_when_nothing_changed(
    client: Client, notice: PrivacyNotice, quick_pdf: None
) -> None:
    _publish(notice)
    _publish(notice, "Vain julkaistu uudelleen")
    text = page_text(client.get(f"{BASE}/2/muutokset/").content)
    assert "Selosteen tekstissä ei ole muutoksia edelliseen versioon verrattuna." in text


def test_mita_muuttui_is_a_404_without_an_earlier_version_or_for_another_organisation(
    client: Client, notice: PrivacyNotice, other_organisation: Controller, quick_pdf: None
) -> None:
    _publish(notice)
    _publish(notice, "Toinen")
    assert client.get(f"{BASE}/1/muutokset/").status_code == 404
    assert client.get(f"{BASE}/3/muutokset/").status_code == 404
    assert client.get("/vieras-yritys-oy/tietosuojaseloste/2/muutokset/").status_code == 404


def test_an_unpublished_draft_has_no_public_comparison(
    client: Client, organisation: Controller
) -> None:
    notice_with(organisation, complete_register(organisation), slug="tietosuojaseloste")
    assert client.get(f"{BASE}/1/muutokset/").status_code == 404


def test_a_page_with_the_new_links_passes_the_import_sanitiser(
    notice: PrivacyNotice, quick_pdf: None
) -> None:
    """An import checks a page of another release with the sanitiser: the links this
    release writes (rel="noopener", mailto:, tel:) are harmless markup to it."""
    version = _publish(notice)
    page = re.sub(
        r"<style>[^<]*</style>", "<style>body { color: #000; }</style>", version.rendered_html
    )
    assert page != version.rendered_html
    assert 'rel="noopener"' in page and 'href="mailto:' in page
    assert page_problems(page, version.content) == []


def test_a_web_address_with_a_port_is_a_link() -> None:
    from privacy_notices.templatetags.notice_links import web_link

    assert web_link("https://tietosuoja.example.fi:8443/pyynto/") == (
        '<a href="https://tietosuoja.example.fi:8443/pyynto/" rel="noopener">'
        "https://tietosuoja.example.fi:8443/pyynto/</a>"
    )


def test_the_request_forms_address_is_a_link_on_any_host(
    organisation: Controller, notice: PrivacyNotice
) -> None:
    # Seloste writes this address itself (publishing.py), from SITE_URL: a local or
    # intranet host without a dot is still the form's address.
    content = build_notice_content(notice)
    content["request_url"] = "http://localhost:8000/oma-organisaatio-oy/pyynto/"
    page = render_notice_page(content, draft=True)
    assert (
        '<a href="http://localhost:8000/oma-organisaatio-oy/pyynto/">'
        "http://localhost:8000/oma-organisaatio-oy/pyynto/</a>" in page
    )
