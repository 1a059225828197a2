"""The editor's search: the organisation's own registers, library items and notices."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from registers.models import Controller
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    DataSubjectCategoryFactory,
    MembershipFactory,
    PrivacyNoticeFactory,
    PurposeFactory,
    RecipientFactory,
    RegisterFactory,
    SecurityMeasureFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/hallinta/oma-organisaatio-oy/haku/"


@pytest.fixture
def signed_in(client: Client, officer: User) -> Client:
    client.force_login(officer)
    return client


def test_it_finds_registers_library_items_and_notices_grouped_by_kind(
    signed_in: Client, organisation: Controller
) -> None:
    register = RegisterFactory(controller=organisation, name="Jäsenrekisteri")
    category = DataCategoryFactory(controller=organisation, name="Jäsenmaksutiedot")
    notice = PrivacyNoticeFactory(controller=organisation, title="Jäsenten tietosuojaseloste")
    RegisterFactory(controller=organisation, name="Asiakasrekisteri")
    page = signed_in.get(URL, {"q": "jäsen"}).content.decode()
    assert f'href="/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"' in page
    assert f'href="/hallinta/oma-organisaatio-oy/tietoryhmat/{category.pk}/"' in page
    assert f'href="/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/"' in page
    assert "Asiakasrekisteri" not in page
    assert "<h2" in page and "Rekisterit" in page and "Tietoryhmät" in page
    assert "Selosteet" in page
    assert '<mark class="p-0">Jäsen</mark>' in page


def test_it_finds_texts_in_a_register_s_parts(signed_in: Client, organisation: Controller) -> None:
    register = RegisterFactory(controller=organisation, name="Rekisteri A")
    PurposeFactory(register=register, description="Uutiskirjeen lähettäminen")
    DataSubjectCategoryFactory(register=register, name="Tilaajat")
    page = signed_in.get(URL, {"q": "uutiskirje"}).content.decode()
    assert "Rekisteri A" in page
    assert "<mark" in page


@pytest.mark.parametrize("query", ["ÄÄNITE", "äänite", "ÄäNiTe"])
def test_finnish_letters_match_in_any_case(
    signed_in: Client, organisation: Controller, query: str
) -> None:
    SourceFactory(controller=organisation, name="Puhelun äänite")
    page = signed_in.get(URL, {"q": query}).content.decode()
    assert "Puhelun äänite" in page


def test_a_match_is_escaped(signed_in: Client, organisation: Controller) -> None:
    RecipientFactory(controller=organisation, name="<script>alert(1)</script> Oy")
    page = signed_in.get(URL, {"q": "<script>"}).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_regex_characters_are_plain_text(signed_in: Client, organisation: Controller) -> None:
    SecurityMeasureFactory(controller=organisation, title="Salaus (TLS 1.3)")
    assert "Salaus (TLS 1.3)" in signed_in.get(URL, {"q": "(tls 1.3)"}).content.decode()
    assert "Ei osumia." in signed_in.get(URL, {"q": ".*"}).content.decode()


def test_another_organisation_s_data_is_never_found(
    signed_in: Client, organisation: Controller, other_organisation: Controller
) -> None:
    RegisterFactory(controller=other_organisation, name="Salainen rekisteri")
    DataCategoryFactory(controller=other_organisation, name="Salaiset tiedot")
    PrivacyNoticeFactory(controller=other_organisation, title="Salainen seloste")
    page = signed_in.get(URL, {"q": "salai"}).content.decode()
    assert "Ei osumia." in page
    assert "Salai" not in page.replace('value="salai"', "")


def test_an_outsider_gets_404(client: Client, organisation: Controller) -> None:
    client.force_login(UserFactory(username="outsider"))
    assert client.get(URL, {"q": "x"}).status_code == 404


def test_a_viewer_can_search(client: Client, organisation: Controller) -> None:
    viewer = MembershipFactory(
        user=UserFactory(username="katsoja"), controller=organisation, role="viewer"
    ).user
    RegisterFactory(controller=organisation, name="Henkilöstörekisteri")
    client.force_login(viewer)
    response = client.get(URL, {"q": "henkilöstö"})
    assert response.status_code == 200
    assert "Henkilöstörekisteri" in response.content.decode()


def test_an_empty_query_shows_a_hint(signed_in: Client) -> None:
    response = signed_in.get(URL, {"q": "   "})
    assert response.status_code == 200
    assert "Kirjoita hakusana" in response.content.decode()


def test_a_long_query_is_refused_politely_and_kept(signed_in: Client) -> None:
    response = signed_in.get(URL, {"q": "a" * 201})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hakusana on liian pitkä: enintään 200 merkkiä." in page
    assert 'value="' + "a" * 201 + '"' in page


def test_a_fresh_organisation_has_no_hits(client: Client) -> None:
    fresh = ControllerFactory(slug="tuore-oy")
    client.force_login(MembershipFactory(controller=fresh).user)
    response = client.get("/hallinta/tuore-oy/haku/", {"q": "mitä tahansa"})
    assert response.status_code == 200
    assert "Ei osumia." in response.content.decode()


def test_the_top_bar_has_the_search_box(signed_in: Client) -> None:
    page = signed_in.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert 'role="search"' in page
    assert f'action="{URL}"' in page
    assert '<label class="visually-hidden" for="navbar-search">Hae</label>' in page


def queries(client: Client, query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return len(captured)


def grow(organisation: Controller, count: int) -> None:
    for index in range(count):
        register = RegisterFactory(controller=organisation, name=f"Haettava rekisteri {index}")
        PurposeFactory(register=register, description="haettava tarkoitus")
        DataCategoryFactory(controller=organisation, name=f"Haettava tieto {index}")
        RecipientFactory(controller=organisation, name=f"Haettava vastaanottaja {index}")
        SourceFactory(controller=organisation, name=f"Haettava lähde {index}")
        SecurityMeasureFactory(controller=organisation, title=f"Haettava suojaus {index}")
        PrivacyNoticeFactory(
            controller=organisation, title=f"Haettava seloste {index}", slug=f"s-{index}"
        )


def test_the_query_count_does_not_grow_with_the_hits(
    signed_in: Client, organisation: Controller
) -> None:
    grow(organisation, 1)
    one = queries(signed_in, "haettava")
    grow_more = 10
    for index in range(grow_more):
        register = RegisterFactory(controller=organisation, name=f"Toinen haettava {index}")
        PurposeFactory(register=register, description="haettava")
        DataCategoryFactory(controller=organisation, name=f"Toinen haettava tieto {index}")
        PrivacyNoticeFactory(
            controller=organisation, title=f"Toinen haettava {index}", slug=f"t-{index}"
        )
    assert queries(signed_in, "haettava") == one
