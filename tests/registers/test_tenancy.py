"""Every editor URL, found by walking the URL resolver, as an outsider and as a viewer.

A URL added under /hallinta/ is covered without touching this file; a new URL
keyword must be added to the mapping in tests/walk.py (route_values), or the test fails.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import Controller, Register
from tests.walk import EDITORS_ONLY, editor_routes, fill, route_values, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim_urls(organisation: Controller, register: Register) -> list[str]:
    """Every editor URL, pointing at the organisation's own objects."""
    values = route_values(organisation, register)
    return [fill(route, values) for route in editor_routes() if "<" in route]


FORGED_POST = {
    "name": "Muutettu",
    "title": "Muutettu",
    "description": "<b>muutettu</b>",
    "archived": "1",
    "loaded_version": "1",
}


def test_the_walk_finds_the_editor_urls(victim_urls: list[str], register: Register) -> None:
    assert f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/" in victim_urls
    assert "/hallinta/oma-organisaatio-oy/rekisterinpitaja/" in victim_urls
    assert len(victim_urls) >= 20


def test_every_editor_url_is_404_for_an_outsider(
    client: Client, outsider: User, victim_urls: list[str]
) -> None:
    client.force_login(outsider)
    before = snapshot()
    for url in victim_urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, FORGED_POST).status_code == 404, url
    assert snapshot() == before


def test_the_editor_dashboard_does_not_show_other_organisations(
    client: Client, outsider: User, organisation: Controller
) -> None:
    client.force_login(outsider)
    response = client.get("/hallinta/", follow=True)
    assert response.status_code == 200
    assert organisation.name not in response.content.decode()


def test_a_viewer_sees_every_page_but_every_write_is_refused_and_the_import_is_closed(
    client: Client, viewer: User, victim_urls: list[str]
) -> None:
    client.force_login(viewer)
    before = snapshot()
    for url in victim_urls:
        if EDITORS_ONLY.search(url):
            assert client.get(url).status_code == 403, url
            assert client.post(url, FORGED_POST).status_code == 403, url
            continue
        assert client.get(url).status_code in (200, 405), url
        # Any member may leave; without the confirmation the form is refused in place.
        expected = 200 if url.endswith("/jasenet/eroa/") else 403
        assert client.post(url, FORGED_POST).status_code == expected, url
    assert snapshot() == before


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client, victim_urls: list[str]) -> None:
    for url in victim_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
