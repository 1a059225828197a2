from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import NoticeRegister, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, LegalBasis
from tests.factories import bare_register, notice_with

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"
# The notice form's formset of earlier changes, with no rows.
NO_HISTORY = {"earlier_history-TOTAL_FORMS": "0", "earlier_history-INITIAL_FORMS": "0"}


def test_an_officer_creates_a_notice_covering_chosen_registers(
    client: Client, officer: User, organisation: Controller
) -> None:
    first = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    second = bare_register(organisation, "Rekrytointirekisteri", LegalBasis.CONSENT)
    client.force_login(officer)
    response = client.post(
        f"{ORG}/selosteet/uusi/",
        {
            "title": "Tietosuojaseloste",
            "slug": "tietosuojaseloste",
            "intro": "Johdanto",
            "change_policy": "",
            "registers": [second.pk, first.pk],
            **NO_HISTORY,
        },
    )
    notice = PrivacyNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ORG}/selosteet/{notice.pk}/"
    assert (notice.controller, notice.intro) == (organisation, "Johdanto")
    assert set(notice.registers.all()) == {first, second}


def test_editing_keeps_the_registers_order_and_appends_new_ones(
    client: Client, officer: User, organisation: Controller
) -> None:
    a = bare_register(organisation, "A", LegalBasis.CONTRACT)
    b = bare_register(organisation, "B", LegalBasis.CONTRACT)
    c = bare_register(organisation, "C", LegalBasis.CONTRACT)
    notice = notice_with(organisation, b, a, slug="seloste")
    client.force_login(officer)
    response = client.post(
        f"{ORG}/selosteet/{notice.pk}/muokkaa/",
        {"title": "Uusi otsikko", "slug": "seloste", "registers": [a.pk, c.pk, b.pk], **NO_HISTORY},
    )
    assert response.status_code == 302
    assert [r.name for r in notice.ordered_registers()] == ["B", "A", "C"]
    client.post(
        f"{ORG}/selosteet/{notice.pk}/muokkaa/",
        {"title": "Uusi otsikko", "slug": "seloste", "registers": [c.pk], **NO_HISTORY},
    )
    assert [r.name for r in notice.ordered_registers()] == ["C"]
    assert NoticeRegister.objects.count() == 1


def test_a_taken_or_reserved_slug_is_a_form_error(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice_with(organisation, slug="tietosuojaseloste")
    client.force_login(officer)
    for slug in ("tietosuojaseloste", "versiot"):
        response = client.post(f"{ORG}/selosteet/uusi/", {"title": "x", "slug": slug, **NO_HISTORY})
        assert response.status_code == 400
        assert "slug" in response.context["form"].errors
    assert PrivacyNotice.objects.count() == 1


def test_another_organisations_registers_cannot_be_chosen(
    client: Client, officer: User, other_organisation: Controller
) -> None:
    theirs = bare_register(other_organisation, "Vieras", LegalBasis.CONTRACT)
    client.force_login(officer)
    response = client.post(
        f"{ORG}/selosteet/uusi/",
        {"title": "x", "slug": "x", "registers": [theirs.pk], **NO_HISTORY},
    )
    assert response.status_code == 400
    assert not PrivacyNotice.objects.exists()


def test_the_slug_of_a_published_notice_stays(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    publish_notice(notice=notice, published_by=officer, change_note="x")
    client.force_login(officer)
    response = client.post(
        f"{ORG}/selosteet/{notice.pk}/muokkaa/",
        {"title": "x", "slug": "uusi-osoite", **NO_HISTORY},
    )
    assert response.status_code == 400
    notice.refresh_from_db()
    assert notice.slug == "tietosuojaseloste"


def test_outsiders_and_viewers_cannot_edit(
    client: Client, outsider: User, notice: PrivacyNotice
) -> None:
    client.force_login(outsider)
    assert client.get(f"{ORG}/selosteet/uusi/").status_code == 404
    assert client.get(f"{ORG}/selosteet/{notice.pk}/muokkaa/").status_code == 404
    response = client.post(f"{ORG}/selosteet/{notice.pk}/muokkaa/", {"title": "x", "slug": "y"})
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.slug == "tietosuojaseloste"


def _three_register_notice(organisation: Controller) -> PrivacyNotice:
    registers = [
        bare_register(organisation, name, LegalBasis.CONTRACT)
        for name in ("Asiakasrekisteri", "Toimittajarekisteri", "Rekrytointirekisteri")
    ]
    return notice_with(organisation, *registers, slug="seloste")


def _order(notice: PrivacyNotice) -> list[str]:
    return [register.name for register in notice.ordered_registers()]


def test_an_officer_moves_a_register_within_the_notice(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice = _three_register_notice(organisation)
    last = notice.ordered_registers().last()
    client.force_login(officer)

    page = client.get(f"{ORG}/selosteet/{notice.pk}/muokkaa/").content.decode()
    assert f"{ORG}/selosteet/{notice.pk}/rekisterit/{last.pk}/siirra/" in page

    response = client.post(
        f"{ORG}/selosteet/{notice.pk}/rekisterit/{last.pk}/siirra/", {"direction": "up"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{ORG}/selosteet/{notice.pk}/muokkaa/#jarjestys"
    assert _order(notice) == ["Asiakasrekisteri", "Rekrytointirekisteri", "Toimittajarekisteri"]


def test_moving_past_either_end_changes_nothing(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice = _three_register_notice(organisation)
    first = notice.ordered_registers().first()
    client.force_login(officer)
    url = f"{ORG}/selosteet/{notice.pk}/rekisterit/{first.pk}/siirra/"
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert client.post(url, {"direction": "sideways"}).status_code == 400
    assert _order(notice) == ["Asiakasrekisteri", "Toimittajarekisteri", "Rekrytointirekisteri"]


def test_a_register_outside_the_notice_cannot_be_moved(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice = _three_register_notice(organisation)
    outside = bare_register(organisation, "Muu rekisteri", LegalBasis.CONTRACT)
    client.force_login(officer)
    url = f"{ORG}/selosteet/{notice.pk}/rekisterit/{outside.pk}/siirra/"
    assert client.post(url, {"direction": "up"}).status_code == 404
