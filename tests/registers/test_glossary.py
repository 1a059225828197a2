"""The public glossary (/sanasto/) and the links to it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from registers.glossary import FIELD_TERMS, TERMS, TERMS_BY_KEY

pytestmark = pytest.mark.django_db


def test_the_glossary_is_public_and_cacheable(client: Client) -> None:
    response = client.get("/sanasto/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    # It reads nothing of the session, so a shared cache keeps one copy for everyone.
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_every_term_has_an_anchor_a_definition_and_its_source(client: Client) -> None:
    page = client.get("/sanasto/").content.decode()
    for term in TERMS:
        assert f'id="{term.key}"' in page
        assert re.fullmatch(r"[a-z0-9-]+", term.key)
        assert str(term.definition) and str(term.source)
    assert len(TERMS_BY_KEY) == len(TERMS)
    # Article 4's definitions are cited by point.
    assert "4 art. 7 alakohta" in page


def test_every_glossary_link_points_to_an_existing_anchor(client: Client, officer) -> None:
    page = client.get("/sanasto/").content.decode()
    anchors = set(re.findall(r'id="([^"]+)"', page))
    assert set(FIELD_TERMS.values()) <= anchors
    client.force_login(officer)
    for path in ("/hallinta/oma-organisaatio-oy/rekisterinpitaja/",):
        editor_page = client.get(path).content.decode()
        for key in re.findall(r'href="/sanasto/#([^"]+)"', editor_page):
            assert key in anchors


def test_the_editor_links_the_glossary_from_the_top_bar(client: Client, officer) -> None:
    client.force_login(officer)
    page = client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert 'href="/sanasto/"' in page


def test_no_organisation_can_take_the_glossary_s_address() -> None:
    from django.core.exceptions import ValidationError

    from registers.validators import validate_not_reserved_slug

    with pytest.raises(ValidationError):
        validate_not_reserved_slug("sanasto")
