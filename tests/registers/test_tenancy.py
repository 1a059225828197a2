"""Every editor URL, found by walking the URL resolver, as an outsider and as a viewer.

A URL added under /hallinta/ is covered without touching this file; a new URL
keyword must be added to the mapping below, or the test fails and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from privacy_notices.checks import check_notice
from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, Register
from tests.factories import (
    DataCategoryFactory,
    RecipientFactory,
    SecurityMeasureFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

EDITOR_PREFIX = "hallinta/"
KWARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def editor_routes() -> Iterator[str]:
    """The full route of every URL pattern under /hallinta/."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith(EDITOR_PREFIX):
                yield route

    yield from walk(get_resolver().url_patterns, "")


def fill(route: str, values: dict[str, object]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in values:
            pytest.fail(
                f"Unknown URL keyword {name!r} in {route!r}: add it to the victim's objects "
                "in tests/registers/test_tenancy.py so the route is tested."
            )
        return str(values[name])

    assert "(?P" not in route, f"{route!r}: a regex route; fill it in by hand here"
    return "/" + KWARG.sub(replace, route)


@pytest.fixture
def victim_urls(organisation: Controller, register: Register) -> list[str]:
    """Every editor URL, pointing at the organisation's own objects."""
    notice = PrivacyNotice.objects.create(controller=organisation, slug="seloste")
    notice.registers.add(register)
    # A real version 1, so that the version pages exist and are refused by tenancy.
    missing = [f.code for f in check_notice(notice) if f.blocking]
    publish_notice(notice=notice, published_by=None, change_note="1", acknowledged=missing)
    values = {
        "org": organisation.slug,
        "register_pk": register.pk,
        "category_pk": DataCategoryFactory(controller=organisation).pk,
        "recipient_pk": RecipientFactory(controller=organisation).pk,
        "source_pk": SourceFactory(controller=organisation).pk,
        "measure_pk": SecurityMeasureFactory(controller=organisation).pk,
        "notice_pk": notice.pk,
        "number": 1,
    }
    return [fill(route, values) for route in editor_routes() if "<" in route]


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    rows = {}
    for app in ("registers", "privacy_notices", "subjects"):
        for model in apps.get_app_config(app).get_models():
            rows[model._meta.label] = sorted(map(tuple, model.objects.values_list()), key=str)
    return rows


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


def test_a_viewer_sees_every_page_but_every_write_is_refused(
    client: Client, viewer: User, victim_urls: list[str]
) -> None:
    client.force_login(viewer)
    before = snapshot()
    for url in victim_urls:
        assert client.get(url).status_code in (200, 405), url
        assert client.post(url, FORGED_POST).status_code == 403, url
    assert snapshot() == before


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client, victim_urls: list[str]) -> None:
    for url in victim_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
