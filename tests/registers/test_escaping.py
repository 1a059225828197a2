"""Text fields take any text, store it as typed, and every page escapes it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import Controller, DataCategory, Purpose, Register
from tests.editor import add_row, register_post_data

pytestmark = pytest.mark.django_db

NASTY = """<script>alert("x")</script> & 'lainaus' "lainaus" <img src=x onerror=alert(1)>"""


def test_markup_is_stored_as_text_and_escaped_on_every_page(
    client: Client, officer: User, register: Register, organisation: Controller
) -> None:
    data = register_post_data(register)
    data["name"] = NASTY
    data["description"] = NASTY
    data["new_category-name"] = NASTY
    add_row(data, "purposes", description=NASTY, legal_basis="consent")
    client.force_login(officer)
    assert (
        client.post(f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/", data).status_code
        == 302
    )

    register.refresh_from_db()
    assert register.name == NASTY
    assert Purpose.objects.filter(description=NASTY).exists()
    assert DataCategory.objects.filter(name=NASTY).exists()

    pages = [
        "/hallinta/oma-organisaatio-oy/",
        "/hallinta/oma-organisaatio-oy/rekisterit/",
        f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/",
        f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/historia/",
        f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/kopioi/",
        "/hallinta/oma-organisaatio-oy/tietoryhmat/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, url


def test_a_library_item_with_markup_is_escaped(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    response = client.post(
        "/hallinta/oma-organisaatio-oy/lahteet/uusi/", {"name": NASTY, "position": "0"}
    )
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body
