"""The demo notices, published as `make run` does, against the seeds' facts."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from privacy_notices.demo import publish_demo_notices
from privacy_notices.models import NoticeVersion
from registers.demo import load_demo
from tests.privacy_notices.conftest import page_text, pdf_text
from tests.registers.test_demo import REAL_PRIVATE_PERSONS, SEED_DATES, SEED_FACTS

pytestmark = pytest.mark.django_db

# What the GDPR requires that the seeds forgot, now derived from the data.
REQUIRED_BY_THE_GDPR = {
    "smart-time-oy": [
        "Oikeus tehdä valitus valvontaviranomaiselle (77 art.)",
        "Tietosuojavaltuutetun toimisto",
        "Oikeus peruuttaa suostumus (7 art. 3 kohta)",
        "Koskee rekistereitä: Rekrytointirekisteri, Evästerekisteri.",
        "Oikeus vastustaa käsittelyä (21 art. 1 kohta)",
        "Oikeus siirtää tiedot järjestelmästä toiseen (20 art.)",
        "Rekisterinpitäjän oikeutettu etu",
    ],
    "smartum-oy": [
        "Oikeus tehdä valitus valvontaviranomaiselle (77 art.)",
        "tietosuoja@om.fi",
        "Oikeus peruuttaa suostumus (7 art. 3 kohta)",
        "Oikeus vastustaa käsittelyä suoramarkkinointia varten (21 art. 2 ja 3 kohta)",
        "Tietoja käytetään profilointiin.",
    ],
    "timmi-software-oy": [
        "Oikeus tehdä valitus valvontaviranomaiselle (77 art.)",
        "Oikeus siirtää tiedot järjestelmästä toiseen (20 art.)",
        "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
        "Tietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin.",
    ],
}


@pytest.fixture
def published(db: None) -> None:
    load_demo()
    publish_demo_notices()


@pytest.mark.parametrize("slug", list(SEED_FACTS))
def test_the_public_page_and_its_pdf_show_every_fact_of_the_seed(
    slug: str, client: Client, published: None
) -> None:
    response = client.get(f"/{slug}/tietosuojaseloste/")
    assert response.status_code == 200
    text = page_text(response.content).casefold()
    expected = SEED_FACTS[slug] + REQUIRED_BY_THE_GDPR[slug] + SEED_DATES[slug]
    assert [fact for fact in expected if fact.casefold() not in text] == []
    assert [name for name in REAL_PRIVATE_PERSONS if name.casefold() in text] == []

    pdf = client.get(f"/{slug}/tietosuojaseloste/1.pdf").content
    # A line may break inside a web address, which the text extraction reads as a space.
    text = re.sub(r"(https?://\S*) (?=[\w-]*[./])", r"\1", pdf_text(pdf)).casefold()
    assert [fact for fact in expected if fact.casefold() not in text] == []


def test_publishing_the_demo_again_changes_nothing(published: None) -> None:
    assert publish_demo_notices() == []
    assert NoticeVersion.objects.count() == 3


def test_the_demo_versions_record_the_gaps_they_were_published_with(published: None) -> None:
    version = NoticeVersion.objects.get(controller__slug="timmi-software-oy")
    assert any(i["article"] == "13 art. 2 e" for i in version.acknowledged_issues)


def test_the_per_right_facts_of_the_seeds_are_published_under_their_rights(
    client: Client, published: None
) -> None:
    text = page_text(client.get("/timmi-software-oy/tietosuojaseloste/").content)
    access = text.index("Oikeus tarkastaa tiedot (15 art.)")
    assert (
        access
        < text.index("ennen tietojen antamista")
        < text.index("Oikeus tietojen oikaisemiseen")
    )
    marketing = text.index("Oikeus vastustaa käsittelyä suoramarkkinointia varten")
    assert marketing < text.index("Timmi ei luovuta tietoja suoramainontaa")
    assert text.count("Timmi ei luovuta tietoja suoramainontaa") == 1

    text = page_text(client.get("/smart-time-oy/tietosuojaseloste/").content)
    rectification = text.index("Oikeus tietojen oikaisemiseen (16 art.)")
    assert (
        rectification < text.index("oma-aloitteisesti") < text.index("Oikeus tietojen poistamiseen")
    )


@pytest.mark.parametrize("slug", ["smartum-oy", "timmi-software-oy"])
def test_the_seed_dates_are_said_once_older_than_the_seloste_version(
    slug: str, client: Client, published: None
) -> None:
    text = page_text(client.get(f"/{slug}/tietosuojaseloste/").content)
    changes = text[text.index("Päivitykset ja muutokset") :]
    # Newest first: Seloste's own version, then the line the seed's own notice gave.
    assert changes.index("Versio 1,") < changes.index(SEED_DATES[slug][-1])
    for fact in SEED_DATES[slug]:
        day = fact.split(":")[0].removeprefix("Laadittu ").rstrip(".")
        assert text.count(day) == 1, day
