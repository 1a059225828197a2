"""The import's pages: starting an import (upload, paste, template) and its review."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from privacy_notices.models import PrivacyNotice
from registers.importing.proposal import Proposal
from registers.models import (
    Controller,
    DataCategory,
    ImportDraft,
    Purpose,
    Register,
)
from tests.factories import DataCategoryFactory
from tests.page_forms import as_post, read_form
from tests.registers.importing.proposals import item, sample_proposal
from tests.walk import import_draft, snapshot

pytestmark = pytest.mark.django_db

START = "/hallinta/oma-organisaatio-oy/tuo/"


def review_url(draft: ImportDraft) -> str:
    return f"{START}{draft.pk}/"


@pytest.fixture
def draft(organisation: Controller) -> ImportDraft:
    return import_draft(organisation)


@pytest.fixture
def proposing(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """The importer stands in for itself: every readable text proposes the sample."""
    calls: list[tuple[str, str, str]] = []

    def propose(text: str, controller: Controller, *, origin: str, origin_kind: str) -> Proposal:
        calls.append((text, origin, origin_kind))
        return sample_proposal(origin=origin, origin_kind=origin_kind)

    monkeypatch.setattr("registers.import_views.propose", propose)
    return calls


def page_post(client: Client, url: str) -> dict[str, list[str]]:
    """The review form as the browser would submit it unchanged."""
    return as_post(read_form(client.get(url).content.decode()).pairs)


# --- Who may import -------------------------------------------------------------------------


def test_an_outsider_gets_404_for_the_import_and_its_drafts(
    client: Client, outsider: User, draft: ImportDraft
) -> None:
    client.force_login(outsider)
    for url in (START, review_url(draft)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"discard": "1"}).status_code == 404
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_viewer_may_not_even_look_at_the_import(
    client: Client, viewer: User, draft: ImportDraft
) -> None:
    client.force_login(viewer)
    for url in (START, review_url(draft)):
        assert client.get(url).status_code == 403
        assert client.post(url, {"discard": "1"}).status_code == 403
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_another_organisations_draft_is_404_to_an_editor(
    client: Client, officer: User, other_organisation: Controller
) -> None:
    theirs = import_draft(other_organisation)
    client.force_login(officer)

    assert client.get(review_url(theirs)).status_code == 404
    assert client.post(review_url(theirs), {"discard": "1"}).status_code == 404
    assert ImportDraft.objects.filter(pk=theirs.pk).exists()


# --- Starting -------------------------------------------------------------------------------


def test_the_start_page_offers_a_file_a_paste_and_the_templates(
    client: Client, officer: User
) -> None:
    client.force_login(officer)
    body = client.get(START).content.decode()

    assert 'type="file"' in body
    assert 'accept=".txt,.pdf,.docx"' in body
    assert 'name="text"' in body
    assert "Käytä mallipohjaa" in body
    assert 'enctype="multipart/form-data"' in body


def test_the_organisation_page_links_the_import(client: Client, officer: User) -> None:
    client.force_login(officer)
    body = client.get("/hallinta/oma-organisaatio-oy/").content.decode()

    assert f'href="{START}"' in body
    assert "Tuo vanha seloste tai aloita mallipohjasta" in body
    # The first steps of a new organisation offer it beside a blank register.
    assert "tai tuo vanha seloste tai aloita mallipohjasta" in body


def test_a_viewer_is_not_offered_the_import(client: Client, viewer: User) -> None:
    client.force_login(viewer)
    for url in ("/hallinta/oma-organisaatio-oy/", "/hallinta/oma-organisaatio-oy/rekisterit/"):
        assert START not in client.get(url).content.decode()


def test_a_pasted_notice_becomes_a_draft_and_opens_its_review(
    client: Client, officer: User, organisation: Controller, proposing: list[Any]
) -> None:
    client.force_login(officer)
    response = client.post(START, {"text": "1. Rekisterinpitäjä\nEsimerkki Oy"})

    draft = ImportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review_url(draft)
    assert (draft.controller, draft.created_by) == (organisation, officer)
    assert (draft.origin, draft.origin_kind) == ("liitetty teksti", "paste")
    assert proposing[0][0].startswith("1. Rekisterinpitäjä")


def test_an_uploaded_file_is_named_by_its_file_name(
    client: Client, officer: User, proposing: list[Any]
) -> None:
    client.force_login(officer)
    upload = SimpleUploadedFile("seloste.txt", b"Asiakasrekisteri\n")
    response = client.post(START, {"file": upload})

    assert response.status_code == 302
    draft = ImportDraft.objects.get()
    assert (draft.origin, draft.origin_kind) == ("seloste.txt", "file")
    assert Proposal.from_json(draft.proposal).origin == "seloste.txt"


def test_a_template_becomes_a_draft(client: Client, officer: User) -> None:
    from registers.importing.templates import available_templates

    key = available_templates()[0].key
    client.force_login(officer)
    response = client.post(START, {"template": key})

    draft = ImportDraft.objects.get()
    assert response.status_code == 302
    assert draft.origin_kind == "template"


def test_an_unknown_template_is_refused_in_finnish(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(START, {"template": "ei-ole"})

    assert response.status_code == 200
    assert "Mallipohjaa ei löydy" in response.content.decode()
    assert not ImportDraft.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Valitse selosteen tiedosto tai liitä selosteen teksti."),
        ({"text": "   \n  "}, "Valitse selosteen tiedosto tai liitä selosteen teksti."),
        ({"file": ("tyhja.txt", b"")}, "Lähetetty tiedosto on tyhjä."),
        ({"file": ("tyhja.txt", b"   \n")}, "Tiedosto on tyhjä: siinä ei ole tekstiä."),
        ({"file": ("kuva.bin", bytes(range(256)))}, "Tiedostomuotoa ei tueta."),
        (
            {"file": ("a.txt", b"Asiakasrekisteri"), "text": "Asiakasrekisteri"},
            "Valitse joko tiedosto tai liitetty teksti, ei molempia.",
        ),
    ],
)
def test_nothing_to_read_is_a_finnish_error_and_saves_nothing(
    client: Client, officer: User, data: dict[str, Any], message: str
) -> None:
    if "file" in data:
        name, content = data["file"]
        data = {**data, "file": SimpleUploadedFile(name, content)}
    client.force_login(officer)
    before = snapshot()
    response = client.post(START, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_50_mb_file_gets_the_size_limit_in_finnish(client: Client, officer: User) -> None:
    client.force_login(officer)
    upload = SimpleUploadedFile("iso.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    response = client.post(START, {"file": upload})

    assert response.status_code == 200
    assert "Tiedosto on liian suuri. Suurin sallittu koko on 10 MB." in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_the_limit_follows_the_setting(client: Client, officer: User, settings: Any) -> None:
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(officer)
    upload = SimpleUploadedFile("seloste.txt", b"x" * (1024 * 1024 + 1))
    body = client.post(START, {"file": upload}).content.decode()

    assert "Suurin sallittu koko on 1 MB." in body


def test_a_text_with_no_sections_keeps_the_text_for_editing(
    client: Client, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from registers.importing.propose import NothingRecognised

    def propose(text: str, controller: Controller, **kwargs: Any) -> Proposal:
        raise NothingRecognised("Tekstistä ei tunnistettu tietosuojaselosteen kohtia.")

    monkeypatch.setattr("registers.import_views.propose", propose)
    client.force_login(officer)
    response = client.post(START, {"text": "Ostoslista: <maito> & leipä"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tekstistä ei tunnistettu tietosuojaselosteen kohtia." in body
    assert "Ostoslista: &lt;maito&gt; &amp; leipä</textarea>" in body
    assert not ImportDraft.objects.exists()


def test_starting_an_import_forgets_the_drafts_left_a_month_ago(
    client: Client, officer: User, organisation: Controller, proposing: list[Any]
) -> None:
    old, recent = import_draft(organisation), import_draft(organisation)
    ImportDraft.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    ImportDraft.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))
    client.force_login(officer)

    client.post(START, {"text": "Asiakasrekisteri"})

    assert not ImportDraft.objects.filter(pk=old.pk).exists()
    assert ImportDraft.objects.filter(pk=recent.pk).exists()
    assert ImportDraft.objects.count() == 2


def test_the_start_page_lists_the_open_drafts(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    body = client.get(START).content.decode()

    assert f'href="{review_url(draft)}"' in body


# --- Reviewing ------------------------------------------------------------------------------


def test_the_review_shows_each_value_beside_its_source_escaped(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    body = client.get(review_url(draft)).content.decode()

    assert "Sijoittamatta jääneet kohdat" in body
    assert "Tietoja käsitellään luottamuksellisesti &lt;b&gt;aina&lt;/b&gt;." in body
    assert "<b>aina</b>" not in body
    assert "Asiakkuuden hoitaminen sopimuksen perusteella." in body
    assert "Lähteessä ei mainita oikeusperustetta." in body
    assert "Rekisteri: Asiakasrekisteri" in body
    # Each item's values are inputs labelled as the model labels them.
    assert 'for="id_item2-legal_basis"' in body
    assert 'name="item8-period" ' in body and 'type="number"' in body


def test_the_review_follows_the_notices_section_order(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    body = client.get(review_url(draft)).content.decode()

    headings = [
        "Nimi ja kuvaus",
        "Käsittelyn tarkoitukset ja oikeusperusteet",
        "Tietoryhmät (tietosisältö)",
        "Vastaanottajat ja luovutukset",
        "Siirrot EU:n tai ETA:n ulkopuolelle",
        "Säilytysaika",
    ]
    positions = [body.index(f">{heading}<") for heading in headings]
    assert positions == sorted(positions)


def test_a_controller_value_is_taken_only_where_the_organisation_has_none(
    client: Client, officer: User, organisation: Controller
) -> None:
    organisation.email = ""
    organisation.save()
    proposal = sample_proposal()
    proposal.items.insert(1, item("c-phone", "controller", None, field="phone", value="040 1"))
    organisation.phone = "09 123"
    organisation.save()
    draft = ImportDraft.objects.create(
        controller=organisation, origin="x.txt", origin_kind="file", proposal=proposal.to_json()
    )
    client.force_login(officer)
    data = page_post(client, review_url(draft))

    assert data["item0-choice"] == ["use"]
    assert data["item1-choice"] == ["keep"]


def test_a_library_item_the_organisation_has_says_it_is_reused(
    client: Client, officer: User, organisation: Controller
) -> None:
    DataCategoryFactory(controller=organisation, name="Nimi")
    draft = import_draft(organisation)
    client.force_login(officer)
    body = client.get(review_url(draft)).content.decode()

    assert "Käytetään olemassa olevaa:" in body
    assert 'name="item4-name"' not in body


def test_the_review_round_trip_creates_exactly_what_the_officer_accepted(
    client: Client, officer: User, organisation: Controller, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["item2-description"] = ["Asiakassuhteen hoitaminen"]  # edited
    data["item3-legal_basis"] = ["consent"]  # chosen where the source named none
    del data["item5-include"]  # "Sähköpostiosoite" dropped
    data["passage10-target"] = ["r0:field:description"]  # placed
    data["passage11-target"] = ["drop"]
    response = client.post(review_url(draft), data)

    register = Register.objects.get(controller=organisation)
    assert response.status_code == 302
    assert response["Location"] == f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"
    assert list(register.purposes.values_list("description", "legal_basis")) == [
        ("Asiakassuhteen hoitaminen", "contract"),
        ("Uutiskirjeen lähettäminen", "consent"),
    ]
    assert list(register.data_categories.values_list("name", flat=True)) == ["Nimi"]
    assert not DataCategory.objects.filter(name="Sähköpostiosoite").exists()
    assert register.description == "Tietoja käsitellään luottamuksellisesti <b>aina</b>."
    assert not ImportDraft.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Luotiin rekisteri Asiakasrekisteri. Se on luonnos" in page
    # The notice texts went to a new unpublished notice, without the register.
    notice = PrivacyNotice.objects.get(controller=organisation)
    assert notice.registers.count() == 0


def test_the_import_is_named_in_the_registers_history(
    client: Client, officer: User, organisation: Controller, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["item3-legal_basis"] = ["consent"]
    data["review-discard_unplaced"] = ["on"]
    client.post(review_url(draft), data)

    register = Register.objects.get(controller=organisation)
    body = client.get(
        f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/historia/"
    ).content.decode()
    assert "Tuotu tiedostosta seloste.pdf" in body


def test_a_passage_placed_as_a_new_item_becomes_one(
    client: Client, officer: User, organisation: Controller, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["item3-legal_basis"] = ["consent"]
    data["passage10-target"] = ["r0:new:security_measure"]
    data["passage11-target"] = ["controller:rights_instructions"]
    assert client.post(review_url(draft), data).status_code == 302

    register = Register.objects.get(controller=organisation)
    [measure] = register.security_measures.all()
    assert measure.text == "Tietoja käsitellään luottamuksellisesti <b>aina</b>."
    organisation.refresh_from_db()
    assert organisation.rights_instructions == "Tarkastuspyyntö tehdään kirjallisesti."


def test_every_unplaced_passage_needs_a_choice(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["item3-legal_basis"] = ["consent"]
    data["passage10-target"] = ["drop"]
    before = snapshot()
    response = client.post(review_url(draft), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Valitse kohdalle paikka tai ”Jätä pois”.") == 1
    assert 'href="#passage-11"' in body
    assert snapshot() == before


def test_a_conscious_discard_of_the_rest_accepts(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["item3-legal_basis"] = ["consent"]
    data["review-discard_unplaced"] = ["on"]

    assert client.post(review_url(draft), data).status_code == 302
    assert Register.objects.filter(name="Asiakasrekisteri").exists()


def test_a_purpose_without_a_legal_basis_cannot_be_accepted(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["review-discard_unplaced"] = ["on"]
    data["item2-description"] = ["Muokattu tarkoitus"]
    before = snapshot()
    response = client.post(review_url(draft), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tämä kenttä vaaditaan." in body
    assert "Muokattu tarkoitus" in body  # what was typed is kept
    assert 'href="#item-3"' in body
    assert snapshot() == before


def test_a_dropped_purpose_needs_no_legal_basis(
    client: Client, officer: User, organisation: Controller, draft: ImportDraft
) -> None:
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["review-discard_unplaced"] = ["on"]
    del data["item3-include"]

    assert client.post(review_url(draft), data).status_code == 302
    assert list(Purpose.objects.values_list("description", flat=True)) == ["Asiakkuuden hoitaminen"]


def test_a_refused_save_shows_the_models_error_beside_the_field_with_the_typing_kept(
    client: Client, officer: User, organisation: Controller, draft: ImportDraft
) -> None:
    Register.objects.create(controller=organisation, name="Asiakasrekisteri")
    client.force_login(officer)
    data = page_post(client, review_url(draft))
    data["item3-legal_basis"] = ["consent"]
    data["review-discard_unplaced"] = ["on"]
    data["item2-description"] = ["Muokattu tarkoitus"]
    before = snapshot()
    response = client.post(review_url(draft), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "on jo olemassa" in body
    error = body.index("on jo olemassa")
    assert body.rfind('name="item1-value"', 0, error) > body.rfind('name="item0-value"', 0, error)
    assert "Muokattu tarkoitus" in body
    assert ImportDraft.objects.filter(pk=draft.pk).exists()
    assert snapshot() == before


def test_discarding_deletes_the_draft_and_saves_nothing_else(
    client: Client, officer: User, draft: ImportDraft
) -> None:
    client.force_login(officer)
    before = snapshot()
    response = client.post(review_url(draft), {"discard": "1"})

    assert response.status_code == 302
    assert response["Location"] == START
    after = snapshot()
    assert after.pop("registers.ImportDraft") == []
    before.pop("registers.ImportDraft")
    assert after == before


def test_the_review_page_costs_the_same_queries_for_a_big_proposal(
    client: Client,
    officer: User,
    organisation: Controller,
    django_assert_max_num_queries: Any,
) -> None:
    proposal = sample_proposal()
    proposal.register_count = 5
    for register in range(1, 5):
        for number in range(20):
            proposal.items.append(
                item(f"r{register}-dc{number}", "data_category", register, 5, name=f"T{number}")
            )
            proposal.items.append(
                item(f"r{register}-p{number}", "purpose", register, 3, description="x")
            )
    draft = ImportDraft.objects.create(
        controller=organisation, origin="iso.pdf", origin_kind="file", proposal=proposal.to_json()
    )
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        response = client.get(review_url(draft))
    assert response.status_code == 200
