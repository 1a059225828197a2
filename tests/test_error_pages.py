"""Error pages are Finnish, in the site's look, and need nothing but their template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.test import Client
from django.urls import include, path

ROOT = Path(__file__).resolve().parent.parent


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


# For the 500 test: the site's URLs plus one view that fails.
urlpatterns = [path("rikki/", boom), path("", include("config.urls"))]


def _assert_finnish_page(body: str) -> None:
    assert '<html lang="fi">' in body
    assert "vendor/bootstrap/bootstrap.min.css" in body
    assert 'href="/"' in body
    assert "<style" not in body
    assert " style=" not in body


@pytest.mark.django_db
def test_a_missing_page_is_the_finnish_404(client: Client) -> None:
    response = client.get("/ei/ole/tallaista/sivua/")
    body = response.content.decode()
    assert response.status_code == 404
    _assert_finnish_page(body)
    assert "Sivua ei löytynyt" in body
    # Nothing read from the session: a public 404 stays shareable.
    assert "Cookie" not in response.get("Vary", "")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_finnish_403_csrf_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    _assert_finnish_page(body)
    assert "Lomaketta ei voitu lähettää" in body


@pytest.mark.django_db
def test_a_viewers_write_gets_the_finnish_403_with_its_reason(client: Client, viewer: User) -> None:
    client.force_login(viewer)
    response = client.post("/hallinta/oma-organisaatio-oy/rekisterinpitaja/", {})
    body = response.content.decode()
    assert response.status_code == 403
    _assert_finnish_page(body)
    assert "Pääsy estetty" in body
    assert "Sinulla on vain lukuoikeus tähän organisaatioon." in body


@pytest.mark.django_db
def test_a_bad_request_is_the_finnish_400(client: Client) -> None:
    response = client.get("/", HTTP_HOST="ei-sallittu.example")
    body = response.content.decode()
    assert response.status_code == 400
    _assert_finnish_page(body)
    assert "Virheellinen pyyntö" in body


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_failing_view_gives_the_finnish_500(client: Client) -> None:
    client.raise_request_exception = False
    response = client.get("/rikki/")
    body = response.content.decode()
    assert response.status_code == 500
    _assert_finnish_page(body)
    assert "Palvelussa tapahtui virhe" in body


def test_the_500_page_renders_without_a_request_or_the_database() -> None:
    # No django_db mark: any query would fail the test.
    body = render_to_string("500.html")
    _assert_finnish_page(body)


def test_nginxs_page_for_a_stopped_application_is_finnish_and_self_contained() -> None:
    body = (ROOT / "deploy" / "nginx" / "errors" / "50x.html").read_text()
    assert '<html lang="fi">' in body
    assert "<title>Palvelu on tilapäisesti poissa käytöstä" in body
    assert "Julkaistut tietosuojaselosteet ovat edelleen luettavissa" in body
    # Its only resource is the stylesheet collectstatic leaves unhashed in STATIC_ROOT.
    assert re.findall(r'(?:href|src)="(/static/[^"]+)"', body) == [
        "/static/vendor/bootstrap/bootstrap.min.css"
    ]
    assert (ROOT / "static" / "vendor" / "bootstrap" / "bootstrap.min.css").exists()
    assert "<script" not in body
    assert "<style" not in body
    assert " style=" not in body


def test_nginxs_page_for_a_too_large_request_is_finnish_and_self_contained() -> None:
    body = (ROOT / "deploy" / "nginx" / "errors" / "413.html").read_text()
    assert '<html lang="fi">' in body
    assert "<title>Lähetys on liian suuri" in body
    assert re.findall(r'(?:href|src)="(/static/[^"]+)"', body) == [
        "/static/vendor/bootstrap/bootstrap.min.css"
    ]
    assert "<script" not in body
    assert "javascript:" not in body
    assert " style=" not in body
