from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from privacy_notices.models import PrivacyNotice
from registers.demo import DEMO_PASSWORD, load_demo
from registers.models import (
    Controller,
    DataCategory,
    DataSubjectRight,
    LegalBasis,
    Membership,
    Recipient,
    Register,
    RightProcedure,
    SecurityMeasure,
    Source,
    TransferSafeguard,
)

pytestmark = pytest.mark.django_db

# Facts of each seed notice (../shared/seeds/), as they must be findable in the admin.
# Real private persons are replaced by fictional ones, so their names are not here.
SEED_FACTS = {
    "smart-time-oy": [
        "Smart Time Oy",
        "Bertel Jungin aukio 5",
        "02600",
        "Espoo",
        "info@smarttime.fi",
        "Asiakasrekisteri",
        "Toimittajarekisteri",
        "Rekrytointirekisteri",
        "Evästerekisteri",
        "Potentiaalisten asiakkaiden rekisteri",
        "Asiakassuhteen hoitoon sekä sopimiseen liittyvät dokumentit kuten tarjoukset, "
        "tilaukset, sopimukset.",
        "Asiakkaiden laskuttaminen",
        "Omien palveluiden kehittäminen",
        "Tilastointi ja analytiikka",
        "Yhteydenpito ja yhteistyö toimittajien kanssa",
        "Henkilöiden rekrytointiin liittyvien henkilöiden tiedot.",
        "Kävijätilastojen analysointi ja tallentaminen",
        "Potentiaalisen asiakassuhteen ylläpito",
        "Titteli ja asema yrityksessä",
        "Koulutushistoria",
        "Mistä verkko-osoitteesta verkkosivuston käyttäjät ovat saapuneet sivustolle",
        "Julkisista tietolähteistä, kuten yritysten verkkosivuilta tai kaupparekisteristä",
        "Evästeiden ja vastaavan teknologian avulla",
        "Netvisor (Visma)",
        "Severa (Visma)",
        "Tiitus",
        "Duunitori",
        "Trello",
        "päämiehen edustajat",
        "suojattu palomuurilla",
        "asiakkuuden päättymisestä",
        "säilytetään toistaiseksi",
        "maksimissaan vuoden",
        "10 vuotta tai kunnes tehdään asiakassopimus",
        "oma-aloitteisesti",
    ],
    "smartum-oy": [
        "Smartum Oy",
        "2780101-9",
        "Yrjönkatu 11 B",
        "00120",
        "040 172 3700",
        "Vaana on henkilötietojen käsittelijä",
        "myynnin edistäminen ja asiakassuhteen elinkaaren hallinta",
        "klikkaamalla uutiskirjeen tai markkinointiviestin linkkiä",
        "Evästeet on mahdollista kytkeä pois päältä selaimen asetuksista",
        "Google Analytics",
        "Google Tag Manager",
        "Leadfeeder",
        "Survicate",
        "Outgrow",
        "Facebook Pixel",
        "Twitter Universal Tag",
        "LinkedIn Pixel",
        "Google Remarketing",
        "Yritys/organisaatio",
        "laskutustiedot",
        "kiinnostustiedot",
        "kunnan www-sivut",
        "emme voi taata palvelun laatua tai toimivuutta",
        "Salesforce",
        "The Rocket Science Group LLC d/b/a MailChimp",
        "Yhdysvallat",
        "https://www.privacyshield.gov/participant_search",
        "säilytetään 2 vuotta",
        "henkilöllisyystodistuksen kanssa",
    ],
    "timmi-software-oy": [
        "Timmi Software Oy",
        "1927211-0",
        "Väinönkatu 11 A",
        "40100",
        "Jyväskylä",
        "010 632 120",
        "timmi-tuki@timmi.fi",
        "henkilötietolaki, 523/1999",
        "Timmi Software Oy:n asiakasrekisteri",
        "ajanvaraus- ja toiminnanohjausjärjestelmiä",
        "Mielipide- ja markkinatutkimukset",
        "nimenomaisen suostumuksensa",
        "yritysten, kuntien ja yliopistojen",
        "Käyttäjätunnus ja salattu salasana",
        "Varattu ajankohta",
        "chat- sekä tekstiviestit",
        "Vapaat tietolähteet",
        "yritysjärjestelyiden",
        "ei-tunnistettavissa olevaan muotoon",
        "Timmillä ei ole manuaalista aineistoa.",
        "palomuurein, salasanoin",
        "asiakassuhteen päättymisestä",
        "ottamalla yhteyttä Timmin asiakaspalveluun",
        "pidättää oikeuden muuttaa tätä tietosuojaselostetta",
    ],
}

# The seeds' document dates ("Laadittu 30.9.2018. Viimeisin muutos 9.12.2020.", "Seloste
# päivitetty 2.8.2018") have fields of their own: as the published notice shows them.
SEED_DATES = {
    "smart-time-oy": [],
    "smartum-oy": ["Laadittu 30.9.2018.", "9.12.2020: Selostetta muutettu."],
    "timmi-software-oy": ["2.8.2018: Selostetta päivitetty."],
}

REAL_PRIVATE_PERSONS = ["Jukka Tomminen", "552 7034", "Jani Asikainen", "434 2803"]


def _admin_text(client: Client, controller: Controller) -> str:
    """Everything the admin shows of one organisation, as plain text."""
    urls = [f"/admin/registers/controller/{controller.pk}/change/"]
    urls += [f"/admin/registers/register/{r.pk}/change/" for r in controller.register_set.all()]
    urls += [
        f"/admin/privacy_notices/privacynotice/{n.pk}/change/" for n in controller.notices.all()
    ]
    for model in (DataCategory, Source, Recipient, SecurityMeasure):
        name = model._meta.model_name
        urls += [
            f"/admin/registers/{name}/{pk}/change/"
            for pk in model.objects.filter(controller=controller).values_list("pk", flat=True)
        ]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return html.unescape(re.sub(r"\s+", " ", " ".join(pages)))


def test_it_creates_the_three_seed_organisations() -> None:
    load_demo()
    assert set(Controller.objects.values_list("slug", flat=True)) == set(SEED_FACTS)
    counts = {c.slug: c.register_set.count() for c in Controller.objects.all()}
    assert counts == {"smart-time-oy": 5, "smartum-oy": 1, "timmi-software-oy": 1}


@pytest.mark.parametrize("slug", list(SEED_FACTS))
def test_every_fact_of_the_seed_can_be_found_in_the_admin(slug: str, client: Client) -> None:
    load_demo()
    client.force_login(get_user_model().objects.get(username="admin"))
    text = _admin_text(client, Controller.objects.get(slug=slug))
    missing = [fact for fact in SEED_FACTS[slug] if fact.casefold() not in text.casefold()]
    assert missing == []
    assert [name for name in REAL_PRIVATE_PERSONS if name in text] == []


def test_the_seed_facts_are_stored_in_their_own_fields() -> None:
    load_demo()
    customer = Register.objects.get(controller__slug="smart-time-oy", name="Asiakasrekisteri")
    assert customer.legal_bases == [LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS]
    assert [c.name for c in customer.data_categories.all()] == [
        "Nimi",
        "Puhelin",
        "Sähköposti",
        "Titteli ja asema yrityksessä",
    ]
    rule = customer.retention_rules.get()
    assert rule.period_text == "10 vuotta asiakkuuden päättymisestä"

    smartum = Register.objects.get(controller__slug="smartum-oy")
    assert {t.safeguard for t in smartum.transfers.all()} == {TransferSafeguard.PRIVACY_SHIELD}
    assert smartum.cookies.count() == 9
    assert smartum.sources.filter(is_public=True).exists()

    smartum_notice = PrivacyNotice.objects.get(controller__slug="smartum-oy")
    assert smartum_notice.drafted_on == date(2018, 9, 30)
    assert [(e.date, e.text) for e in smartum_notice.earlier_history.all()] == [
        (date(2020, 12, 9), "Selostetta muutettu.")
    ]
    timmi_notice = PrivacyNotice.objects.get(controller__slug="timmi-software-oy")
    assert timmi_notice.drafted_on is None
    assert [(e.date, e.text) for e in timmi_notice.earlier_history.all()] == [
        (date(2018, 8, 2), "Selostetta päivitetty.")
    ]
    # Said once, in its own field: no longer pushed into the intro.
    assert "2018" not in smartum_notice.intro + timmi_notice.intro

    notice = PrivacyNotice.objects.get(controller__slug="smart-time-oy")
    assert [r.name for r in notice.ordered_registers()] == [
        "Asiakasrekisteri",
        "Toimittajarekisteri",
        "Rekrytointirekisteri",
        "Evästerekisteri",
        "Potentiaalisten asiakkaiden rekisteri",
    ]


def test_every_demo_row_passes_model_validation() -> None:
    load_demo()
    for register in Register.objects.all():
        register.full_clean()
        for part in (
            *register.purposes.all(),
            *register.transfers.all(),
            *register.retention_rules.all(),
            *register.cookies.all(),
        ):
            part.full_clean()


def test_loading_twice_changes_nothing() -> None:
    load_demo()
    before = _snapshot()
    result = load_demo()
    assert result.created == []
    assert sorted(result.skipped) == sorted(SEED_FACTS)
    assert _snapshot() == before


def test_it_keeps_an_officers_edits_unless_reset() -> None:
    load_demo()
    Register.objects.filter(name="Evästerekisteri").update(description="Muokattu")
    load_demo()
    assert Register.objects.get(name="Evästerekisteri").description == "Muokattu"
    load_demo(reset=True)
    assert Register.objects.get(name="Evästerekisteri").description == ""


def test_it_creates_the_demo_users_with_their_memberships() -> None:
    load_demo()
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    for username in ("demo", "timmi", "admin"):
        assert users.get(username=username).check_password(DEMO_PASSWORD)
    memberships = set(Membership.objects.values_list("user__username", "controller__slug", "role"))
    assert memberships == {
        ("demo", "smart-time-oy", "admin"),
        ("demo", "smartum-oy", "admin"),
        ("timmi", "timmi-software-oy", "admin"),
    }


def test_the_command_refuses_to_run_with_debug_off(settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")
    assert not Controller.objects.exists()


def test_the_command_runs_with_debug_off_when_forced(settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Controller.objects.count() == 3


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    from django.apps import apps

    snapshot = {}
    for app in ("registers", "privacy_notices", "auth"):
        for model in apps.get_app_config(app).get_models():
            snapshot[model._meta.label] = sorted(map(tuple, model.objects.values_list()), key=str)
    return snapshot


def test_the_seeds_per_right_facts_sit_under_their_rights_and_are_said_once() -> None:
    load_demo()
    timmi = Controller.objects.get(slug="timmi-software-oy")
    texts = RightProcedure.objects.filter(controller=timmi, register=None).texts()
    assert list(texts) == [DataSubjectRight.ACCESS, DataSubjectRight.DIRECT_MARKETING]
    assert "ennen tietojen antamista" in texts[DataSubjectRight.ACCESS]
    assert "suoramarkkinointia" in texts[DataSubjectRight.DIRECT_MARKETING]
    # The general block keeps only what concerns several rights together.
    assert "ennen tietojen antamista" not in timmi.rights_instructions
    assert "suoramarkkinointia" not in timmi.rights_instructions
    assert "ottamalla yhteyttä Timmin asiakaspalveluun" in timmi.rights_instructions

    smart_time = Controller.objects.get(slug="smart-time-oy")
    assert RightProcedure.objects.filter(controller=smart_time).texts() == {
        DataSubjectRight.RECTIFICATION: (
            "Rekisterinpitäjä voi myös oikaista, poistaa tai täydentää tietoja oma-aloitteisesti."
        )
    }
    assert smart_time.rights_instructions == ""
    # Smartum's one instruction (come in person with an ID) concerns every right.
    smartum = Controller.objects.get(slug="smartum-oy")
    assert not RightProcedure.objects.filter(controller=smartum).exists()
    assert "henkilöllisyystodistuksen kanssa" in smartum.rights_instructions
