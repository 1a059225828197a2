"""Demo data: the three published notices of ../shared/seeds/ as structured data.

Every fact of each seed notice has a home here. Real private persons' names,
phone numbers and personal e-mail addresses are replaced by fictional ones; the
organisations' own contact details are kept. Where the GDPR requires something
the seed forgot (a legitimate interest, data subject categories), the demo adds
a plausible entry so that the data is valid; the completeness check of a notice
still flags what remains missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from registers.models import (
    Controller,
    DataCategory,
    DataSubjectRight,
    LegalBasis,
    Membership,
    MembershipRole,
    ProvisionRequirement,
    Recipient,
    RecipientRole,
    RecipientsStatement,
    Register,
    RetentionUnit,
    RightProcedure,
    SecurityMaterial,
    SecurityMeasure,
    Source,
    SourceOrigin,
    TransferSafeguard,
    TransfersStatement,
    restoring_old_data,
)

DEMO_PASSWORD = "seloste-demo"  # noqa: S105 (demo only; the loader refuses production)

CONSENT = LegalBasis.CONSENT
CONTRACT = LegalBasis.CONTRACT
LEGITIMATE = LegalBasis.LEGITIMATE_INTERESTS
PROCESSOR = RecipientRole.PROCESSOR
OTHER = RecipientRole.OTHER
YEARS = RetentionUnit.YEARS
# GDPR Art. 13 or 14, set only where the seed's own words say whom a source is: the
# person ("Rekisteröity itse", "… itseltään") or a public source, which is not the
# person (14 art. 2 f). Other sources stay not stated: the check asks about them.
DATA_SUBJECT = SourceOrigin.DATA_SUBJECT
ELSEWHERE = SourceOrigin.OTHER

SMART_TIME_SECURITY = (
    "Henkilötiedot säilytetään luottamuksellisina. Rekisterinpitäjän tietoverkko ja "
    "laitteisto, jolla rekisteri sijaitsee, on suojattu palomuurilla ja muilla "
    "tarvittavilla teknisillä toimenpiteillä. Rekisterinpitäjä huolehtii siitä, että "
    "tallennettuja tietoja sekä palvelimien käyttöoikeuksia ja muita henkilötietojen "
    "turvallisuuden kannalta kriittisiä tietoja käsitellään luottamuksellisesti ja vain "
    "niiden työntekijöiden toimesta, joiden työnkuvaan se kuuluu."
)
SMART_TIME_DOCUMENTS = (
    "Dokumentit liittyvät oleellisesti yrityksen liiketoimintaan. Niitä käytetään "
    "ratkaisujen jatkokehityksessä ja ylläpidossa. Dokumentit ovat yrityksen omaisuutta"
)
SMART_TIME_CONTACT_INTEREST = (
    "Rekisterinpitäjän oikeutettu etu on pitää yhteyttä yritysasiakkaidensa ja "
    "potentiaalisten asiakkaidensa yhteyshenkilöihin liiketoiminnan hoitamiseksi; "
    "käsittely koskee henkilöiden työrooliin liittyviä tietoja."
)
SMART_TIME_DEVELOPMENT_INTEREST = (
    "Rekisterinpitäjän oikeutettu etu on kehittää palveluitaan ja seurata niiden "
    "käyttöä asiakassuhteessa kertyvien tietojen perusteella."
)

SMART_TIME_PUBLIC_SOURCE = (
    "Julkisista tietolähteistä, kuten yritysten verkkosivuilta tai kaupparekisteristä"
)

SMART_TIME: dict[str, Any] = {
    "controller": {
        "name": "Smart Time Oy",
        "slug": "smart-time-oy",
        "street_address": "Bertel Jungin aukio 5",
        "postal_code": "02600",
        "city": "Espoo",
        "email": "info@smarttime.fi",
        # Fictional contact person in place of the real one.
        "contact_name": "Mikko Esimerkki",
        "contact_email": "mikko.esimerkki@smarttime.fi",
        "contact_phone": "+358 40 123 4567",
    },
    # The seed's "Oikeus tiedon korjaamiseen ja poistamiseen" adds one fact to the
    # derived rights; the rest of its rights section restates them.
    "right_procedures": {
        DataSubjectRight.RECTIFICATION: (
            "Rekisterinpitäjä voi myös oikaista, poistaa tai täydentää tietoja oma-aloitteisesti."
        ),
    },
    "data_categories": [
        {"name": "Nimi"},
        {"name": "Puhelin"},
        {"name": "Sähköposti"},
        {"name": "Titteli ja asema yrityksessä"},
        {"name": "Osoite"},
        {"name": "Työhistoria"},
        {"name": "Koulutushistoria"},
        {"name": "Tieto siitä, miten ja milloin verkkosivustoamme käytetään"},
        {"name": "Millä päätelaitteella verkkosivua käytetään"},
        {"name": "Mistä verkko-osoitteesta verkkosivuston käyttäjät ovat saapuneet sivustolle"},
        {"name": "Millä yksittäisellä sivulla käyttäjät ovat vierailleet"},
    ],
    "sources": [
        {
            "name": "Rekisteröidyltä itseltään (kuten sivuston yhteydenottolomakkeiden kautta)",
            "origin": DATA_SUBJECT,
        },
        {"name": "Sopimuksenteon yhteydessä rekisteröidystä kerättävät tiedot"},
        {"name": "Asiakastapaamisista saadut tiedot"},
        {"name": "Rekisteröidyn palvelun käytöstä"},
        {"name": "Rekisterinpitäjän asiakastietojärjestelmästä"},
        {
            "name": (
                "Muut mahdolliset tilanteet, joissa rekisteröity luovuttaa tietojaan "
                "rekisterinpitäjälle"
            )
        },
        {
            "name": SMART_TIME_PUBLIC_SOURCE,
            "is_public": True,
            "origin": ELSEWHERE,
        },
        {"name": "Evästeiden ja vastaavan teknologian avulla"},
    ],
    "recipients": [
        {"name": "Yksittäiset henkilöt sekä kunkin projektin asiakkaat", "role": OTHER},
        {
            "name": (
                "Yrityksen työntekijät sekä kunkin projektin yhteyshenkilöt sekä myös "
                "päämiehen edustajat"
            ),
            "role": OTHER,
        },
        {
            "name": "Netvisor (Visma)",
            "role": PROCESSOR,
            "description": "Ulkopuolinen palveluntarjoaja",
        },
        {
            "name": "Severa (Visma)",
            "role": PROCESSOR,
            "description": "Ulkopuolinen palveluntarjoaja",
        },
        {"name": "Microsoft", "role": PROCESSOR, "description": "Ulkopuolinen palveluntarjoaja"},
        {"name": "Tiitus", "role": PROCESSOR, "description": "Ulkopuolinen palveluntarjoaja"},
        {"name": "Duunitori", "role": PROCESSOR, "description": "Ulkopuolinen palveluntarjoaja"},
        {"name": "Trello", "role": PROCESSOR, "description": "Ulkopuolinen palveluntarjoaja"},
    ],
    "security_measures": [
        {"title": "Tietojen luottamuksellisuus ja tekninen suojaus", "text": SMART_TIME_SECURITY},
    ],
    "registers": [
        {
            "name": "Asiakasrekisteri",
            "purposes": [
                {
                    "description": (
                        "Asiakasprojekteihin liittyvät dokumentit. Sisältävät mitä on sovittu "
                        "ja miten ratkaisut on toteutettu. Asiakassuhteen hoitoon sekä "
                        "sopimiseen liittyvät dokumentit kuten tarjoukset, tilaukset, sopimukset."
                    ),
                    "legal_basis": CONTRACT,
                },
                {"description": "Asiakassuhteen ylläpito", "legal_basis": CONTRACT},
                {"description": "Asiakkaiden laskuttaminen", "legal_basis": CONTRACT},
                {"description": "Asiakaspalvelu", "legal_basis": CONTRACT},
                {
                    "description": "Omien palveluiden kehittäminen",
                    "legal_basis": LEGITIMATE,
                    "legitimate_interest": SMART_TIME_DEVELOPMENT_INTEREST,
                },
                {
                    "description": "Tilastointi ja analytiikka",
                    "legal_basis": LEGITIMATE,
                    "legitimate_interest": SMART_TIME_DEVELOPMENT_INTEREST,
                },
            ],
            "data_subject_categories": ["Asiakasyritysten yhteyshenkilöt"],
            "data_categories": ["Nimi", "Puhelin", "Sähköposti", "Titteli ja asema yrityksessä"],
            "sources": [
                "Rekisteröidyltä itseltään (kuten sivuston yhteydenottolomakkeiden kautta)",
                "Sopimuksenteon yhteydessä rekisteröidystä kerättävät tiedot",
                "Asiakastapaamisista saadut tiedot",
                "Rekisteröidyn palvelun käytöstä",
                "Rekisterinpitäjän asiakastietojärjestelmästä",
                (
                    "Muut mahdolliset tilanteet, joissa rekisteröity luovuttaa tietojaan "
                    "rekisterinpitäjälle"
                ),
            ],
            # The seed: "Tietojen siirto EU:n tai ETA:n ulkopuolelle: Ei siirretä".
            "transfers_statement": TransfersStatement.NONE,
            "recipients_statement": RecipientsStatement.LISTED,
            "recipients": [
                "Yksittäiset henkilöt sekä kunkin projektin asiakkaat",
                "Netvisor (Visma)",
                "Severa (Visma)",
                "Microsoft",
            ],
            "retention_rules": [
                {
                    "criteria": SMART_TIME_DOCUMENTS + ".",
                    "period": 10,
                    "period_unit": YEARS,
                    "starts_from": "asiakkuuden päättymisestä",
                }
            ],
        },
        {
            "name": "Toimittajarekisteri",
            "purposes": [
                {
                    "description": (
                        "Alihankintaprojekteihin liittyvät dokumentit. Sisältävät mitä on "
                        "sovittu ja miten ratkaisut on toteutettu."
                    ),
                    "legal_basis": CONTRACT,
                },
                {
                    "description": "Yhteydenpito ja yhteistyö toimittajien kanssa",
                    "legal_basis": CONTRACT,
                },
            ],
            "data_subject_categories": ["Toimittajien ja alihankkijoiden yhteyshenkilöt"],
            "data_categories": ["Nimi", "Puhelin", "Sähköposti", "Titteli ja asema yrityksessä"],
            "sources": [
                "Rekisteröidyltä itseltään (kuten sivuston yhteydenottolomakkeiden kautta)",
                "Sopimuksenteon yhteydessä rekisteröidystä kerättävät tiedot",
                SMART_TIME_PUBLIC_SOURCE,
            ],
            # The seed: "Tietojen siirto EU:n tai ETA:n ulkopuolelle: Ei siirretä".
            "transfers_statement": TransfersStatement.NONE,
            "recipients_statement": RecipientsStatement.LISTED,
            "recipients": [
                (
                    "Yrityksen työntekijät sekä kunkin projektin yhteyshenkilöt sekä myös "
                    "päämiehen edustajat"
                ),
            ],
            "retention_rules": [
                {"criteria": SMART_TIME_DOCUMENTS + " ja niitä säilytetään toistaiseksi."},
            ],
        },
        {
            "name": "Rekrytointirekisteri",
            "purposes": [
                {
                    "description": "Henkilöiden rekrytointiin liittyvien henkilöiden tiedot.",
                    "legal_basis": CONSENT,
                },
            ],
            "data_subject_categories": ["Työnhakijat"],
            "data_categories": [
                "Nimi",
                "Puhelin",
                "Sähköposti",
                "Osoite",
                "Työhistoria",
                "Koulutushistoria",
            ],
            "sources": [
                "Rekisteröidyltä itseltään (kuten sivuston yhteydenottolomakkeiden kautta)",
            ],
            # The seed: "Tietojen siirto EU:n tai ETA:n ulkopuolelle: Ei siirretä".
            "transfers_statement": TransfersStatement.NONE,
            "recipients_statement": RecipientsStatement.LISTED,
            "recipients": ["Tiitus", "Duunitori", "Microsoft"],
            "retention_rules": [
                {
                    "criteria": (
                        "Tiedot liittyvät oleellisesti yrityksen liiketoimintaan. Säilytetään "
                        "rekrytointiprosessin ajan, maksimissaan vuoden."
                    ),
                    "period": 1,
                    "period_unit": YEARS,
                },
            ],
        },
        {
            "name": "Evästerekisteri",
            "covers_website": True,
            "purposes": [
                {
                    "description": "Nettisivuilla käyneiden henkilöiden evästetiedot",
                    "legal_basis": CONSENT,
                },
                {
                    "description": "Kävijätilastojen analysointi ja tallentaminen",
                    "legal_basis": CONSENT,
                },
                {"description": "Verkkosivujen kehittäminen", "legal_basis": CONSENT},
            ],
            "data_subject_categories": ["Verkkosivuston käyttäjät"],
            "data_categories": [
                "Tieto siitä, miten ja milloin verkkosivustoamme käytetään",
                "Millä päätelaitteella verkkosivua käytetään",
                "Mistä verkko-osoitteesta verkkosivuston käyttäjät ovat saapuneet sivustolle",
                "Millä yksittäisellä sivulla käyttäjät ovat vierailleet",
            ],
            "sources": ["Evästeiden ja vastaavan teknologian avulla"],
            # The seed: "Tietojen siirto EU:n tai ETA:n ulkopuolelle: Ei siirretä".
            "transfers_statement": TransfersStatement.NONE,
            # The seed lists no recipients for this register and says nothing.
            "recipients": [],
            "retention_rules": [{"criteria": SMART_TIME_DOCUMENTS + "."}],
        },
        {
            "name": "Potentiaalisten asiakkaiden rekisteri",
            "purposes": [
                {
                    "description": "Sopimiseen liittyvät dokumentit kuten tarjoukset ja tilaukset",
                    "legal_basis": LEGITIMATE,
                    "legitimate_interest": SMART_TIME_CONTACT_INTEREST,
                },
                {
                    "description": "Potentiaalisen asiakassuhteen ylläpito",
                    "legal_basis": LEGITIMATE,
                    "legitimate_interest": SMART_TIME_CONTACT_INTEREST,
                },
            ],
            "data_subject_categories": ["Potentiaalisten asiakasyritysten yhteyshenkilöt"],
            "data_categories": ["Nimi", "Puhelin", "Sähköposti", "Titteli ja asema yrityksessä"],
            "sources": [
                "Rekisteröidyltä itseltään (kuten sivuston yhteydenottolomakkeiden kautta)",
                "Asiakastapaamisista saadut tiedot",
                SMART_TIME_PUBLIC_SOURCE,
            ],
            # The seed: "Tietojen siirto EU:n tai ETA:n ulkopuolelle: Ei siirretä".
            "transfers_statement": TransfersStatement.NONE,
            "recipients_statement": RecipientsStatement.LISTED,
            "recipients": ["Microsoft", "Trello"],
            "retention_rules": [
                {
                    "criteria": (
                        "Tiedot liittyvät oleellisesti yrityksen liiketoimintaan. Säilytetään "
                        "10 vuotta tai kunnes tehdään asiakassopimus."
                    ),
                    "period": 10,
                    "period_unit": YEARS,
                },
            ],
        },
    ],
    "notice": {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "intro": "",
    },
}

SMARTUM_INTRO = (
    "Tällä selosteella rekisterinpitäjä täyttää EU:n yleisen tietosuoja-asetuksen (GDPR) "
    "mukaisen informointivelvoitteensa suhteessa rekisteröityyn. Tätä selostetta "
    "päivitetään tarvittaessa.\n\n"
    "Huomaa että tämä tietosuojaseloste ei kata tietoja palveluseteleistä tai niiden "
    "saajista, tai muista vastaavista tiedoista joita Vaanan järjestelmiin on tallennettu "
    "osana Vaanan asiakkailleen tarjoamia palveluita. Rekisterit joissa tälläiset tiedot "
    "sijaitsevat ovat Vaanan asiakkaiden rekistereitä joita Vaana hallinnoi asiakkaittensa "
    "lukuun. Näiden rekisterien osalta Vaana on henkilötietojen käsittelijä ja asiakas "
    "rekisterinpitäjä. Tietosuojaselosteen joka koskee tälläisiä tietoja voit löytää sen "
    "kunnan tai muun Vaanan asiakkaan sivuilta, jonka lukuun Vaana käsittelee ko. rekisteriä."
)
SMARTUM_COOKIES = (
    "Lisäksi keräämme anonymisoitua tietoa verkkovierailusta evästeiden avulla mm. "
    "laitteeseen tai selaimeen liittyvää dataa, IP-osoitteita sekä sivustolla tehtyjä "
    "toimia. Evästeet on mahdollista kytkeä pois päältä selaimen asetuksista. Sivustolla "
    "saattaa esiintyä upotettuja sisältöjä (videot, kuvat laskurit yms.). Muilta "
    "sivustoilta upotettu sisältö käyttäytyy samalla tavalla kuten sisällön alkuperäisella "
    "sivustolla vierailu. Upotetut palvelut saattavat kerätä evästeitä, tietoa ja tietoa "
    "käyttäytymisestä sisällön kanssa."
)
SMARTUM_TRANSFERS_NOTE = (
    "Tietoja voidaan siirtää rekisterinpitäjän toimesta myös EU:n tai ETA:n "
    "ulkopuolelle, mikäli asiakasyhteydenpidon vuoksi käytetty kolmas osapuoli ei pidä "
    "palvelimiaan EU:n tai ETA:n alueella."
)
SMARTUM_TRANSFER_NOTE = (
    "Henkilötietojen siirto suoritetaan "
    "turvallisesti ja lainmukaisesti EU-U.S. Privacy Shield -ohjelman puitteissa, johon "
    "palveluntarjoaja on sertifioitunut. Voit tarkistaa sertifioinnit osoitteessa "
    "https://www.privacyshield.gov/participant_search"
)
SMARTUM_ANALYTICS = "Analytiikkaan"
SMARTUM_CONTENT = (
    "Verkkopalvelun sisältöjen rakentamiseen, palvelun kehittämiseen ja palautteen keruuseen"
)
SMARTUM_MARKETING = "Markkinoinnin kohdentamiseen"

SMARTUM: dict[str, Any] = {
    "controller": {
        "name": "Smartum Oy",
        "slug": "smartum-oy",
        "business_id": "2780101-9",
        "street_address": "Yrjönkatu 11 B",
        "postal_code": "00120",
        "city": "Helsinki",
        "phone": "040 172 3700",
        "rights_instructions": (
            "Jos haluat käyttää näitä oikeuksiasi, pyydämme fyysisesti tulemaan esittämään "
            "pyynnön kohdassa 1 ilmoitettuun osoitteeseen henkilöllisyystodistuksen kanssa, "
            "jolloin voimme varmistua henkilöllisyydestäsi."
        ),
    },
    "data_categories": [
        {"name": "Henkilön nimi"},
        {"name": "Asema"},
        {"name": "Yritys/organisaatio"},
        {"name": "Puhelinnumero"},
        {"name": "Sähköpostiosoite"},
        {
            "name": (
                "Tiedot tilatuista palveluista ja niiden muutoksista, laskutustiedot, muut "
                "asiakassuhteeseen ja tilattuihin palveluihin liittyvät tiedot"
            ),
            "description": "Käsitellään asiakassuhteessa olevien henkilöiden osalta.",
        },
        {
            "name": "Rekisteröidyn antamat kiinnostustiedot",
            "description": "Tallennetaan vain markkinointiluvan antaneista.",
        },
        {
            "name": (
                "Verkkovierailun tiedot: laitteeseen tai selaimeen liittyvä data, IP-osoite ja "
                "sivustolla tehdyt toimet"
            ),
            "description": "Kerätään anonymisoituna evästeiden avulla.",
        },
    ],
    "sources": [
        {
            "name": (
                "Asiakkaalta tai potentiaaliselta asiakkaalta itseltään: www-lomakkeilla "
                "lähetetyt tiedot, sähköposti, puhelin, sopimukset, asiakastapaamiset ja muut "
                "tilanteet, joissa asiakas luovuttaa tietojaan"
            ),
            "origin": DATA_SUBJECT,
            "description": (
                "Rekisteröidyltä itseltään esimerkiksi www-lomakkeiden kautta kerätään "
                "sähköpostiosoite, puhelinnumero sekä henkilön nimi ja organisaatio."
            ),
        },
        {
            "name": "Yleisesti saatavilla olevat lähteet, esim. kunnan www-sivut",
            "description": "Asiakashankintaa varten.",
            "is_public": True,
            "origin": ELSEWHERE,
        },
        {"name": "Evästeet ja vastaavat tekniikat verkkosivustolla"},
    ],
    "recipients": [
        {"name": "Salesforce", "role": PROCESSOR, "description": "Asiakasyhteydenpito"},
        {
            "name": "The Rocket Science Group LLC d/b/a MailChimp",
            "role": PROCESSOR,
            "description": "Asiakasyhteydenpito",
        },
    ],
    "security_measures": [],
    "registers": [
        {
            "name": "Asiakas- ja markkinointirekisteri",
            "description": (
                "Tallennamme asiakassuhteessa olevien henkilöiden tietoja asiakasrekisteriin ja "
                "markkinointiluvan antaneiden tietoja markkinointirekisteriin. "
                "Markkinointirekisteriin tallennetaan ainoastaan markkinointiluvan antaneiden "
                "nimi, puhelinnumero, sähköpostiosoite, asema ja rekisteröidyn antamat "
                "kiinnostustiedot."
            ),
            "purposes": [
                {
                    "description": (
                        "Myynnin edistäminen ja asiakassuhteen elinkaaren hallinta, mikä sisältää "
                        "mm. asiakassuhteen ylläpidon, palautteen keruun, palvelujemme "
                        "kehittämisen sekä markkinoinnin kohdentamisen"
                    ),
                    "legal_basis": CONTRACT,
                },
                {
                    "description": (
                        "Markkinointiluvan antaneiden henkilötietojen käsittely myynnin "
                        "edistämiseksi sekä markkinointiviestinnän ja markkinoinnillisen "
                        "tiedottamisen toteuttamiseksi"
                    ),
                    "legal_basis": CONSENT,
                },
            ],
            "consent_withdrawal": (
                "Rekisteröity voi milloin tahansa peruuttaa antamansa suostumuksensa "
                "klikkaamalla uutiskirjeen tai markkinointiviestin linkkiä tai ilmoittamalla "
                "siitä kohdan 1 yhteystietoja käyttämällä, jolloin suostumukseen perustuva "
                "käsittely lopetetaan, ellei ole muuta oikeusperustetta käsittelylle."
            ),
            "data_subject_categories": [
                "Asiakassuhteessa olevat henkilöt",
                "Markkinointiluvan antaneet henkilöt",
                "Potentiaaliset asiakkaat",
                "Verkkosivuston käyttäjät",
            ],
            "data_categories": [
                "Henkilön nimi",
                "Asema",
                "Yritys/organisaatio",
                "Puhelinnumero",
                "Sähköpostiosoite",
                (
                    "Tiedot tilatuista palveluista ja niiden muutoksista, laskutustiedot, muut "
                    "asiakassuhteeseen ja tilattuihin palveluihin liittyvät tiedot"
                ),
                "Rekisteröidyn antamat kiinnostustiedot",
                (
                    "Verkkovierailun tiedot: laitteeseen tai selaimeen liittyvä data, IP-osoite "
                    "ja sivustolla tehdyt toimet"
                ),
            ],
            "sources": [
                (
                    "Asiakkaalta tai potentiaaliselta asiakkaalta itseltään: www-lomakkeilla "
                    "lähetetyt tiedot, sähköposti, puhelin, sopimukset, asiakastapaamiset ja "
                    "muut tilanteet, joissa asiakas luovuttaa tietojaan"
                ),
                "Yleisesti saatavilla olevat lähteet, esim. kunnan www-sivut",
                "Evästeet ja vastaavat tekniikat verkkosivustolla",
            ],
            "recipients_statement": RecipientsStatement.LISTED,
            "transfers_statement": TransfersStatement.LISTED,
            "transfers_note": SMARTUM_TRANSFERS_NOTE,
            "recipients": ["Salesforce", "The Rocket Science Group LLC d/b/a MailChimp"],
            "transfers": [
                {
                    "recipient": "Salesforce",
                    "country": "Yhdysvallat",
                    "safeguard": TransferSafeguard.PRIVACY_SHIELD,
                    "safeguard_details": SMARTUM_TRANSFER_NOTE,
                },
                {
                    "recipient": "The Rocket Science Group LLC d/b/a MailChimp",
                    "country": "Yhdysvallat",
                    "safeguard": TransferSafeguard.PRIVACY_SHIELD,
                    "safeguard_details": SMARTUM_TRANSFER_NOTE,
                },
            ],
            "retention_rules": [
                {
                    "criteria": (
                        "Henkilötietoja käsitellään asiakassuhteen ajan tai sopimuksen "
                        "voimassaolon ajan tai kunnes rekisteröity peruuttaa suostumuksensa."
                    ),
                },
                {
                    "criteria": (
                        "Markkinointiin perustuvia suostumuksia asiakkaiden perustietojen "
                        "osalta säilytetään 2 vuotta."
                    ),
                    "period": 2,
                    "period_unit": YEARS,
                },
            ],
            "profiling": True,
            "automated_decisions_description": (
                "Markkinointia kohdennetaan verkkosivuston evästeiden ja kolmansien osapuolten "
                "palveluiden (mm. Facebook Pixel, LinkedIn Pixel, Google Remarketing) avulla. "
                "Kohdentaminen vaikuttaa vain siihen, mitä markkinointia rekisteröidylle "
                "näytetään; sillä ei tehdä rekisteröityä koskevia päätöksiä."
            ),
            "provision_requirement": ProvisionRequirement.CONTRACTUAL,
            "provision_consequences": (
                "Mikäli henkilötietojasi saadaan ja käsitellään sopimukseen perustuen, on "
                "henkilötiedot annettava, jotta sopimusvelvoitteet voidaan täyttää. Mikäli "
                "emme saa kaikki tarpeellisia henkilötietojasi, emme voi taata palvelun "
                "laatua tai toimivuutta."
            ),
            "covers_website": True,
            "cookies_note": SMARTUM_COOKIES,
            "cookies": [
                {"name": "Google Analytics", "purpose": SMARTUM_ANALYTICS},
                {"name": "Google Tag Manager", "purpose": SMARTUM_ANALYTICS},
                {"name": "Leadfeeder", "purpose": SMARTUM_ANALYTICS},
                {"name": "Survicate", "purpose": SMARTUM_CONTENT},
                {"name": "Outgrow", "purpose": SMARTUM_CONTENT},
                {"name": "Facebook Pixel", "purpose": SMARTUM_MARKETING},
                {"name": "Twitter Universal Tag", "purpose": SMARTUM_MARKETING},
                {"name": "LinkedIn Pixel", "purpose": SMARTUM_MARKETING},
                {"name": "Google Remarketing", "purpose": SMARTUM_MARKETING},
            ],
        },
    ],
    "notice": {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "intro": SMARTUM_INTRO,
        # The seed: "Laadittu 30.9.2018. Viimeisin muutos 9.12.2020."
        "drafted_on": date(2018, 9, 30),
        "earlier_history": [{"date": date(2020, 12, 9), "text": "Selostetta muutettu."}],
    },
}

TIMMI_INTRO = (
    "Henkilötietolainsäädännön mukainen tietosuojaseloste (erit. henkilötietolaki, "
    "523/1999, 10§ ja 24§."
)
TIMMI_CHANGE_POLICY = (
    "Liiketoiminnan muuttuessa ja/tai kehittyessä olennaisesti rekisteröityjen ja "
    "rekisteröitävien henkilötietojen ja niiden käsittelytarkoitusten kannalta, Timmi "
    "pidättää oikeuden muuttaa tätä tietosuojaselostetta ilmoittamalla siitä "
    "verkkosivuillaan. Muutokset voivat perustua myös lainsäädännön muuttumiseen."
)
TIMMI_PURPOSES_NOTE = (
    "Timmi voi käyttää rekisteröidyn tietoja kaikkiin edellä tässä kappaleessa mainittuihin "
    "tarkoituksiin, pääsääntöisesti kuitenkin tarjotakseen rekisteröidyn asiakassuhteeseen "
    "perustuvia palveluita tai mahdollistaakseen rekisteröidyn toimintaa koskevan sisäisen "
    "analyysin, edellyttäen, että rekisteröity on antanut Timmille nimenomaisen "
    "suostumuksensa tietojen käyttöön tai jos suostumus tiedon käyttämiseen yksikäsitteisesti "
    "ilmenee rekisteröidyn asiayhteydestä Timmiin."
)
TIMMI_RECIPIENTS_NOTE = (
    "Timmin asiakasrekisteri on vain Timmin omistuksessa. Rekisterin tietoja ei "
    "lähtökohtaisesti luovuteta eteenpäin. Tietojen luovuttaminen tehdään kulloinkin "
    "voimassaolevan lainsäädännön sallimissa ja velvoittamissa rajoissa. Tietojen "
    "luovuttaminen voi lähtökohtaisesti tapahtua vain sellaisiin tarkoituksiin, jotka tukevat "
    "Timmi Softwaren asiakasrekisterin toiminta-ajatusta ja joissa tietojen käyttötarkoitus "
    "on yhteensopiva Timmin asiakasrekisterin käyttötarkoituksen kanssa."
)
TIMMI_PURPOSES = [
    "Asiakkuuden ja muuhun asialliseen yhteyteen liittyvän suhteen hoitaminen ja kehittäminen",
    "Analysointi",
    "Palveluiden tuottaminen ja personointi",
    "Liiketoiminnan kehittäminen ja suunnitteleminen",
    "Markkinointi",
    "Etämyynti",
    "Mielipide- ja markkinatutkimukset",
    "Asiakasviestintä",
]

TIMMI: dict[str, Any] = {
    "controller": {
        "name": "Timmi Software Oy",
        "short_name": "Timmi",
        "slug": "timmi-software-oy",
        "business_id": "1927211-0",
        "street_address": "Väinönkatu 11 A",
        "postal_code": "40100",
        "city": "Jyväskylä",
        "phone": "010 632 120",
        "email": "timmi-tuki@timmi.fi",
        # Fictional contact person in place of the real one.
        "contact_name": "Elina Esimerkki",
        "contact_email": "elina.esimerkki@timmi.fi",
        "contact_phone": "050 123 4567",
        # Concerns the access, prohibition and correction rights together.
        "rights_instructions": (
            "Rekisteröity voi käyttää tarkastus-, kielto-, ja korjausoikeuttaan ottamalla "
            "yhteyttä Timmin asiakaspalveluun."
        ),
    },
    "right_procedures": {
        DataSubjectRight.ACCESS: (
            "Rekisteröidyn henkilöllisyydestä varmistutaan ja tarvittaessa se tarkastetaan "
            "ennen tietojen antamista."
        ),
        DataSubjectRight.DIRECT_MARKETING: (
            "Timmi ei luovuta tietoja suoramainontaa, etämyyntiä ja muuta suoramarkkinointia "
            "eikä markkina- ja mielipidetutkimuksia varten."
        ),
    },
    "data_categories": [
        {"name": "Etu- ja sukunimi"},
        {"name": "Organisaation tai työnantajan nimi"},
        {"name": "Käyttäjätunnus ja salattu salasana"},
        {"name": "Yhteystiedot (postiosoite, puhelin, sähköposti, fax)"},
        {"name": "Varattu ajankohta"},
        {"name": "Edellä yksilöityjen tietojen muutostiedot"},
        {
            "name": (
                "Asiakkuuden ja muun asiallisen yhteyden hoitamiseen ja yhteydenpitoon liittyvät "
                "tiedot"
            ),
            "description": (
                "Kuten maksullisten tuotteiden ja palveluiden osto- ja peruutustiedot, "
                "maksuttomien palveluiden tilaustiedot, toimitusehdot, palautteet, "
                "reklamaatiot, sekä asiakaspalvelutapahtumien taltioinnit, kuten puhelut, "
                "sähköpostit, chat- sekä tekstiviestit."
            ),
        },
    ],
    "sources": [
        {"name": "Rekisteröity itse", "origin": DATA_SUBJECT},
        {
            "name": "Asiakaspalvelu ja tukipalvelut",
            "description": (
                "Rekisteröidyn ottaessa yhteyttä asiakaspalveluun ja käyttäessään "
                "tukipalveluja hänen tietojansa voidaan tallentaa."
            ),
        },
        {"name": "Vapaat tietolähteet", "is_public": True, "origin": ELSEWHERE},
    ],
    "recipients": [
        {
            "name": "Ulkoiset palveluntarjoajat",
            "role": PROCESSOR,
            "description": "Asiakassuhteisiin liittyvien asioiden hoitamiseksi.",
        },
        {
            "name": "Ostajat yritysjärjestelyiden yhteydessä",
            "role": RecipientRole.CONTROLLER,
            "description": "Mikäli Timmi myy tai muutoin järjestelee liiketoimintaansa.",
        },
        {
            "name": "Toimivaltaiset viranomaiset ja muut tahot",
            "role": RecipientRole.AUTHORITY,
            "description": (
                "Niiden esittämien vaatimusten edellyttämällä, voimassaolevaan "
                "lainsäädäntöön perustuvalla tavalla."
            ),
        },
        {
            "name": "Historiallinen tai tieteellinen tutkimus",
            "role": OTHER,
            "description": (
                "Edellyttäen, että tiedot on muutettu ei-tunnistettavissa olevaan muotoon."
            ),
        },
    ],
    "security_measures": [
        {
            "title": "Pääsy tiloihin ja tietoihin",
            "material": SecurityMaterial.GENERAL,
            "text": (
                "Timmin tiloihin ja siten henkilötietoihin pääsy on estetty asiattomilta. "
                "Ainoastaan yksilöidyillä rekisterinpitäjän ja sen toimeksiannosta ja lukuun "
                "toimivilla Timmin työntekijöillä on pääsy rekisterin sisältämiin tietoihin "
                "rekisterinpitäjän myöntämällä käyttöoikeudella."
            ),
        },
        {
            "title": "Sähköinen aineisto",
            "material": SecurityMaterial.ELECTRONIC,
            "text": (
                "Sähköisesti käsiteltävät rekisterin tiedot ovat suojattu palomuurein, "
                "salasanoin, ja muiden tietoturvan toimialalla yleisesti hyväksyttävin teknisin "
                "keinoin."
            ),
        },
        {
            "title": "Manuaalinen aineisto",
            "material": SecurityMaterial.MANUAL,
            "text": "Timmillä ei ole manuaalista aineistoa.",
        },
    ],
    "registers": [
        {
            "name": "Timmi Software Oy:n asiakasrekisteri",
            "description": (
                "Timmi tarjoaa asiakkailleen ajanvaraus- ja toiminnanohjausjärjestelmiä, joita "
                "rekisteröity voi käyttää."
            ),
            "purposes": [
                {"description": description, "legal_basis": CONSENT}
                for description in TIMMI_PURPOSES
            ],
            "purposes_note": TIMMI_PURPOSES_NOTE,
            "consent_withdrawal": "Rekisteröidyllä on myös oikeus perua antamansa suostumus.",
            "data_subject_categories": [
                {
                    "name": "Organisaatioiden yhteyshenkilöt",
                    "description": (
                        "Timmin asiakaskunta koostuu organisaatioiden, kuten yritysten, kuntien "
                        "ja yliopistojen, yhteyshenkilöistä."
                    ),
                },
                {"name": "Yksityiset henkilöt"},
            ],
            "data_categories": [
                "Etu- ja sukunimi",
                "Organisaation tai työnantajan nimi",
                "Käyttäjätunnus ja salattu salasana",
                "Yhteystiedot (postiosoite, puhelin, sähköposti, fax)",
                "Varattu ajankohta",
                "Edellä yksilöityjen tietojen muutostiedot",
                (
                    "Asiakkuuden ja muun asiallisen yhteyden hoitamiseen ja yhteydenpitoon "
                    "liittyvät tiedot"
                ),
            ],
            "sources": [
                "Rekisteröity itse",
                "Asiakaspalvelu ja tukipalvelut",
                "Vapaat tietolähteet",
            ],
            "recipients_statement": RecipientsStatement.LISTED,
            # The seed: "Tietoja ei luovuteta EU:n tai ETA:n ulkopuolelle."
            "transfers_statement": TransfersStatement.NONE,
            "recipients": [
                "Ulkoiset palveluntarjoajat",
                "Ostajat yritysjärjestelyiden yhteydessä",
                "Toimivaltaiset viranomaiset ja muut tahot",
                "Historiallinen tai tieteellinen tutkimus",
            ],
            "recipients_note": TIMMI_RECIPIENTS_NOTE,
            "retention_rules": [
                {
                    "criteria": (
                        "Henkilötietoja säilytetään niin kauan, kun asiakassuhde on voimassa."
                    ),
                    "period": 5,
                    "period_unit": YEARS,
                    "starts_from": "asiakassuhteen päättymisestä",
                },
            ],
        },
    ],
    "notice": {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "intro": TIMMI_INTRO,
        "change_policy": TIMMI_CHANGE_POLICY,
        # The seed: "Seloste päivitetty 2.8.2018".
        "earlier_history": [{"date": date(2018, 8, 2), "text": "Selostetta päivitetty."}],
    },
}

ORGANISATIONS: tuple[dict[str, Any], ...] = (SMART_TIME, SMARTUM, TIMMI)

# What the demo adds that its seed does not say (see the module docstring): texts,
# and "kind:field" for a flag. The importer's comparison with the demo leaves them
# out, as no reading of the seed can find them.
DEMO_ADDITIONS: dict[str, frozenset[str]] = {
    "smart-time-oy": frozenset(
        {
            SMART_TIME_CONTACT_INTEREST,
            SMART_TIME_DEVELOPMENT_INTEREST,
            *(
                subject
                for register in SMART_TIME["registers"]
                for subject in register["data_subject_categories"]
            ),
        }
    ),
    # Profiling is the demo's reading of Smartum's targeted marketing; the seed only
    # lists the right to object to it.
    "smartum-oy": frozenset(
        {SMARTUM["registers"][0]["automated_decisions_description"], "flag:profiling"}
    ),
    "timmi-software-oy": frozenset(),
}

# username -> (is staff superuser, slugs the user edits)
USERS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "demo": (False, ("smart-time-oy", "smartum-oy")),
    "timmi": (False, ("timmi-software-oy",)),
    "admin": (True, ()),
}


@dataclass
class LoadResult:
    created: list[str]
    skipped: list[str]


def _create_organisation(data: dict[str, Any]) -> Controller:
    # Imported here: registers is the lower layer; only the demo spans both apps.
    from privacy_notices.models import EarlierChange, NoticeRegister, PrivacyNotice

    controller = Controller(**data["controller"])
    controller.full_clean()
    controller.save()

    def library(model: type, key: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        rows = {}
        for position, item in enumerate(items):
            row = model(controller=controller, position=position, **item)
            row.full_clean()
            row.save()
            rows[item[key]] = row
        return rows

    for right, text in data.get("right_procedures", {}).items():
        procedure = RightProcedure(controller=controller, right=right, text=text)
        procedure.full_clean()
        procedure.save()

    categories = library(DataCategory, "name", data["data_categories"])
    sources = library(Source, "name", data["sources"])
    recipients = library(Recipient, "name", data["recipients"])
    measures = library(SecurityMeasure, "title", data["security_measures"])

    notice_data = dict(data["notice"])
    earlier_history = notice_data.pop("earlier_history", [])
    notice = PrivacyNotice(controller=controller, **notice_data)
    notice.full_clean()
    notice.save()
    for item in earlier_history:
        entry = EarlierChange(notice=notice, **item)
        entry.full_clean()
        entry.save()

    for position, spec in enumerate(data["registers"]):
        spec = dict(spec)
        parts = {
            name: spec.pop(name, [])
            for name in (
                "purposes",
                "data_subject_categories",
                "data_categories",
                "sources",
                "recipients",
                "transfers",
                "retention_rules",
                "cookies",
            )
        }
        register = Register(controller=controller, **spec)
        register.full_clean()
        register.save()
        register.data_categories.set([categories[name] for name in parts["data_categories"]])
        register.sources.set([sources[name] for name in parts["sources"]])
        register.recipients.set([recipients[name] for name in parts["recipients"]])
        register.security_measures.set(measures.values())

        subject_categories = [
            item if isinstance(item, dict) else {"name": item}
            for item in parts["data_subject_categories"]
        ]
        transfers = [
            {**item, "recipient": recipients[item["recipient"]]} for item in parts["transfers"]
        ]
        for manager, items in (
            (register.purposes, parts["purposes"]),
            (register.data_subject_categories, subject_categories),
            (register.transfers, transfers),
            (register.retention_rules, parts["retention_rules"]),
            (register.cookies, parts["cookies"]),
        ):
            for part_position, item in enumerate(items):
                row = manager.model(register=register, position=part_position, **item)
                row.full_clean()
                row.save()

        NoticeRegister.objects.create(notice=notice, register=register, position=position)
    return controller


def _ensure_users() -> None:
    user_model = get_user_model()
    for username, (is_admin, slugs) in USERS.items():
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"is_staff": is_admin, "is_superuser": is_admin},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for slug in slugs:
            Membership.objects.get_or_create(
                user=user,
                controller=Controller.objects.get(slug=slug),
                # The demo's own users run their organisations.
                defaults={"role": MembershipRole.ADMIN},
            )


@transaction.atomic
def load_demo(*, reset: bool = False) -> LoadResult:
    """Create the demo organisations and users; an organisation already present is kept.

    Running it twice changes nothing. With ``reset`` the demo organisations are
    deleted first, discarding any edits made to them.
    """
    result = LoadResult(created=[], skipped=[])
    for data in ORGANISATIONS:
        slug = data["controller"]["slug"]
        if reset:
            Controller.objects.filter(slug=slug).delete()
        if Controller.objects.filter(slug=slug).exists():
            result.skipped.append(slug)
            continue
        # The seeds reproduce real notices, Smartum's Privacy Shield transfers too.
        with restoring_old_data():
            _create_organisation(data)
        result.created.append(slug)
    _ensure_users()
    return result
