"""The glossary (Sanasto): the GDPR terms the editor and the notices use.

Content as data: each term has an anchor on the public glossary page
(/sanasto/#<key>), a short Finnish definition that follows the Finnish text of the
GDPR (Regulation (EU) 2016/679) where the law defines the term, and the provision it
comes from. A definition explains; it is never published in a notice.

``FIELD_TERMS`` says which glossary term a form field's help text names; the editor's
help text template (templates/bootstrap5/layout/help_text.html) links it, so that
help texts stay plain text and no HTML travels in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.forms import BoundField
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    # The anchor id on the glossary page: ASCII, lower case, stable (links use it).
    key: str
    term: str | Promise
    definition: str | Promise
    # Where the definition comes from, e.g. "4 art. 7 alakohta".
    source: str | Promise

    @property
    def url(self) -> str:
        return f"{reverse('glossary')}#{self.key}"


# In Finnish alphabetical order (å, ä, ö after z), as the page lists them.
TERMS: tuple[Term, ...] = (
    Term(
        "asianmukaiset-suojatoimet",
        _("asianmukaiset suojatoimet"),
        _(
            "Keinot, joilla siirto kolmanteen maahan on sallittu ilman komission "
            "riittävyyspäätöstä, kun rekisteröityjen oikeudet ovat täytäntöönpanokelpoisia ja "
            "oikeussuojakeinot tehokkaita: esimerkiksi komission vakiolausekkeet tai "
            "yritystä koskevat sitovat säännöt."
        ),
        _("46 art. 1 ja 2 kohta"),
    ),
    Term(
        "automaattinen-paatoksenteko",
        _("automaattinen päätöksenteko"),
        _(
            "Päätös, joka perustuu pelkästään automaattiseen käsittelyyn, kuten "
            "profilointiin, ja jolla on rekisteröityyn kohdistuvia oikeusvaikutuksia tai "
            "joka vaikuttaa häneen vastaavalla tavalla merkittävästi. Sallittu vain 22 "
            "artiklan 2 kohdan perusteella; selosteessa kerrotaan käytetty logiikka, "
            "merkitys ja seuraukset."
        ),
        _("22 art. 1 ja 2 kohta, 13 art. 2 f"),
    ),
    Term(
        "edustaja",
        _("edustaja"),
        _(
            "Unioniin sijoittautunut luonnollinen henkilö tai oikeushenkilö, jonka EU:n "
            "ulkopuolinen rekisterinpitäjä tai henkilötietojen käsittelijä on nimennyt "
            "kirjallisesti edustamaan itseään asetuksen mukaisissa velvollisuuksissa."
        ),
        _("4 art. 17 alakohta, 27 art."),
    ),
    Term(
        "elintarkeat-edut",
        _("elintärkeiden etujen suojaaminen"),
        _(
            "Oikeusperuste, kun käsittely on tarpeen rekisteröidyn tai toisen luonnollisen "
            "henkilön elintärkeiden etujen suojaamiseksi, esimerkiksi hätätilanteessa."
        ),
        _("6 art. 1 d"),
    ),
    Term(
        "erityiset-henkilotietoryhmat",
        _("erityiset henkilötietoryhmät"),
        _(
            "Tiedot, joista ilmenee rotu tai etninen alkuperä, poliittiset mielipiteet, "
            "uskonnollinen tai filosofinen vakaumus tai ammattiliiton jäsenyys, sekä "
            "geneettiset tiedot, biometriset tiedot henkilön yksiselitteistä tunnistamista "
            "varten, terveyttä koskevat tiedot ja luonnollisen henkilön seksuaalista "
            "käyttäytymistä ja suuntautumista koskevat tiedot. Niiden käsittely on "
            "kielletty, ellei jokin 9 artiklan 2 kohdan perusteista täyty."
        ),
        _("9 art. 1 ja 2 kohta"),
    ),
    Term(
        "evaste",
        _("eväste"),
        _(
            "Tieto, jonka verkkosivusto tallentaa käyttäjän päätelaitteeseen tai lukee "
            "sieltä. Käyttäjälle on kerrottava evästeistä ja niiden käyttötarkoituksesta, "
            "ja muihin kuin välttämättömiin evästeisiin tarvitaan suostumus."
        ),
        _("sähköisen viestinnän palveluista annettu laki 917/2014, 205 §"),
    ),
    Term(
        "henkilotiedot",
        _("henkilötiedot"),
        _(
            "Kaikki tunnistettuun tai tunnistettavissa olevaan luonnolliseen henkilöön "
            "(rekisteröity) liittyvät tiedot. Henkilö on tunnistettavissa, jos hänet voidaan "
            "suoraan tai epäsuorasti tunnistaa esimerkiksi nimen, henkilötunnuksen, "
            "sijaintitiedon tai verkkotunnistetietojen perusteella."
        ),
        _("4 art. 1 alakohta"),
    ),
    Term(
        "henkilotietojen-kasittelija",
        _("henkilötietojen käsittelijä"),
        _(
            "Luonnollinen henkilö tai oikeushenkilö, viranomainen, virasto tai muu elin, joka "
            "käsittelee henkilötietoja rekisterinpitäjän lukuun, esimerkiksi "
            "palkanlaskennan tai pilvipalvelun toimittaja. Käsittelijä on vastaanottaja."
        ),
        _("4 art. 8 alakohta, 28 art."),
    ),
    Term(
        "henkilotunnus",
        _("henkilötunnus"),
        _(
            "Henkilötunnusta saa käsitellä vain tietosuojalain 29 §:ssä luetelluissa "
            "tilanteissa, esimerkiksi kun rekisteröidyn yksiselitteinen yksilöiminen on "
            "tarpeen laissa säädetyn tehtävän suorittamiseksi."
        ),
        _("tietosuojalaki 1050/2018, 29 §"),
    ),
    Term(
        "kasittely",
        _("käsittely"),
        _(
            "Mikä tahansa henkilötietoihin kohdistuva toiminto, automaattinen tai "
            "manuaalinen: esimerkiksi tietojen kerääminen, tallentaminen, järjestäminen, "
            "säilyttäminen, muuttaminen, käyttö, luovuttaminen, yhdistäminen, poistaminen "
            "tai tuhoaminen."
        ),
        _("4 art. 2 alakohta"),
    ),
    Term(
        "kasittelyn-tarkoitus",
        _("käsittelyn tarkoitus"),
        _(
            "Se, mitä varten henkilötietoja käsitellään. Tiedot on kerättävä tiettyä, "
            "nimenomaista ja laillista tarkoitusta varten, eikä niitä saa käsitellä myöhemmin "
            "näiden tarkoitusten kanssa yhteensopimattomalla tavalla. Jokaisella "
            "tarkoituksella on oma oikeusperusteensa."
        ),
        _("5 art. 1 b, 13 art. 1 c"),
    ),
    Term(
        "kasittelytoimien-seloste",
        _("käsittelytoimien seloste"),
        _(
            "Rekisterinpitäjän sisäinen kirjanpito käsittelytoimista: tarkoitukset, "
            "rekisteröityjen ryhmät, henkilötietoryhmät, vastaanottajat, siirrot, "
            "poistamisen määräajat ja suojaustoimet. Annetaan valvontaviranomaiselle "
            "pyynnöstä; ei ole sama asia kuin rekisteröidyille annettava tietosuojaseloste."
        ),
        _("30 art. 1 ja 4 kohta"),
    ),
    Term(
        "kolmas-maa",
        _("kolmas maa"),
        _(
            "Valtio, joka ei kuulu Euroopan unioniin eikä Euroopan talousalueeseen (ETA). "
            "Henkilötietoja saa siirtää kolmanteen maahan vain V luvun edellytysten "
            "täyttyessä."
        ),
        _("44 art."),
    ),
    Term(
        "kolmas-osapuoli",
        _("kolmas osapuoli"),
        _(
            "Luonnollinen henkilö tai oikeushenkilö, viranomainen, virasto tai muu elin, joka "
            "ei ole rekisteröity, rekisterinpitäjä, henkilötietojen käsittelijä eikä henkilö, "
            "jolla on näiden välittömän vastuun alaisena valtuudet käsitellä henkilötietoja."
        ),
        _("4 art. 10 alakohta"),
    ),
    Term(
        "lakisaateinen-velvoite",
        _("lakisääteinen velvoite"),
        _(
            "Oikeusperuste, kun käsittely on tarpeen rekisterinpitäjän lakisääteisen "
            "velvoitteen noudattamiseksi. Velvoitteen on perustuttava unionin tai "
            "jäsenvaltion lakiin, joka nimetään selosteessa."
        ),
        _("6 art. 1 c ja 3 kohta"),
    ),
    Term(
        "oikeusperuste",
        _("oikeusperuste"),
        _(
            "Käsittely on lainmukaista vain, jos ja siltä osin kuin vähintään yksi 6 artiklan "
            "1 kohdan perusteista täyttyy: suostumus, sopimus, lakisääteinen velvoite, "
            "elintärkeiden etujen suojaaminen, yleistä etua koskeva tehtävä tai julkisen "
            "vallan käyttäminen, tai oikeutettu etu. Selosteessa kerrotaan kunkin "
            "tarkoituksen oikeusperuste."
        ),
        _("6 art. 1 kohta, 13 art. 1 c"),
    ),
    Term(
        "oikeutettu-etu",
        _("oikeutettu etu"),
        _(
            "Oikeusperuste, kun käsittely on tarpeen rekisterinpitäjän tai kolmannen "
            "osapuolen oikeutettujen etujen toteuttamiseksi, paitsi milloin rekisteröidyn "
            "edut tai perusoikeudet ja -vapaudet syrjäyttävät ne, erityisesti jos "
            "rekisteröity on lapsi. Selosteessa kerrotaan, mikä etu on."
        ),
        _("6 art. 1 f, 13 art. 1 d"),
    ),
    Term(
        "profilointi",
        _("profilointi"),
        _(
            "Henkilötietojen automaattinen käsittely, jossa arvioidaan luonnollisen henkilön "
            "henkilökohtaisia ominaisuuksia, erityisesti analysoidaan tai ennakoidaan hänen "
            "työsuoritustaan, taloudellista tilannettaan, terveyttään, mieltymyksiään, "
            "kiinnostuksen kohteitaan, luotettavuuttaan, käyttäytymistään, sijaintiaan tai "
            "liikkeitään."
        ),
        _("4 art. 4 alakohta"),
    ),
    Term(
        "rekisteri",
        _("rekisteri"),
        _(
            "Mikä tahansa jäsennelty henkilötietoja sisältävä tietojoukko, josta tiedot ovat "
            "saatavilla tietyin perustein. Seloste-palvelussa rekisteri on yksi "
            "käsittelytoimien kokonaisuus, esimerkiksi asiakasrekisteri."
        ),
        _("4 art. 6 alakohta"),
    ),
    Term(
        "rekisterinpitaja",
        _("rekisterinpitäjä"),
        _(
            "Luonnollinen henkilö tai oikeushenkilö, viranomainen, virasto tai muu elin, joka "
            "yksin tai yhdessä toisten kanssa määrittelee henkilötietojen käsittelyn "
            "tarkoitukset ja keinot."
        ),
        _("4 art. 7 alakohta"),
    ),
    Term(
        "rekisteroity",
        _("rekisteröity"),
        _(
            "Tunnistettu tai tunnistettavissa oleva luonnollinen henkilö, jota henkilötiedot "
            "koskevat, esimerkiksi asiakas, työntekijä tai verkkosivuston kävijä."
        ),
        _("4 art. 1 alakohta"),
    ),
    Term(
        "riittavyyspaatos",
        _("riittävyyspäätös"),
        _(
            "Komission päätös siitä, että kolmas maa, sen alue tai sektori taikka "
            "kansainvälinen järjestö varmistaa riittävän tietosuojan tason. Siirto sinne ei "
            "edellytä erityistä lupaa; esimerkiksi EU–Yhdysvallat-tietosuojakehys on "
            "riittävyyspäätös sertifioiduille vastaanottajille."
        ),
        _("45 art. 1 kohta"),
    ),
    Term(
        "rikostuomiot",
        _("rikostuomiot ja rikkomukset"),
        _(
            "Rikostuomioihin ja rikkomuksiin tai niihin liittyviin turvaamistoimiin liittyviä "
            "henkilötietoja saa käsitellä vain viranomaisen valvonnassa tai kun käsittely "
            "on sallittu unionin tai jäsenvaltion lainsäädännössä."
        ),
        _("10 art."),
    ),
    Term(
        "sailytysaika",
        _("säilytysaika"),
        _(
            "Aika, jonka henkilötietoja säilytetään, tai jos se ei ole mahdollista, sen "
            "määrittämiskriteerit. Tiedot on säilytettävä muodossa, josta rekisteröity on "
            "tunnistettavissa, ainoastaan niin kauan kuin on tarpeen käsittelyn "
            "tarkoitusten toteuttamista varten."
        ),
        _("5 art. 1 e, 13 art. 2 a"),
    ),
    Term(
        "seloste",
        _("tietosuojaseloste"),
        _(
            "Rekisteröidyille annettavat tiedot henkilötietojen käsittelystä: kuka on "
            "rekisterinpitäjä, mihin tarkoitukseen ja millä oikeusperusteella tietoja "
            "käsitellään, kenelle niitä luovutetaan, kauanko niitä säilytetään ja mitkä "
            "oikeudet rekisteröidyllä on. Tiedot annetaan, kun tiedot kerätään "
            "rekisteröidyltä (13 art.) tai kun ne saadaan muualta (14 art.). Eri asia kuin "
            "käsittelytoimien seloste."
        ),
        _("12 art. 1 kohta, 13 ja 14 art."),
    ),
    Term(
        "siirto",
        _("siirto EU:n tai ETA:n ulkopuolelle"),
        _(
            "Henkilötietojen siirto kolmanteen maahan tai kansainväliselle järjestölle, myös "
            "käyttämällä palvelua, jonka palvelimet ovat EU:n tai ETA:n ulkopuolella. "
            "Sallittu riittävyyspäätöksen, asianmukaisten suojatoimien tai 49 artiklan "
            "poikkeuksen perusteella; selosteessa kerrotaan peruste."
        ),
        _("44–49 art., 13 art. 1 f"),
    ),
    Term(
        "sopimus",
        _("sopimus"),
        _(
            "Oikeusperuste, kun käsittely on tarpeen sellaisen sopimuksen "
            "täytäntöönpanemiseksi, jossa rekisteröity on osapuolena, tai sopimuksen "
            "tekemistä edeltävien toimenpiteiden toteuttamiseksi rekisteröidyn pyynnöstä."
        ),
        _("6 art. 1 b"),
    ),
    Term(
        "suostumus",
        _("suostumus"),
        _(
            "Vapaaehtoinen, yksilöity, tietoinen ja yksiselitteinen tahdonilmaisu, jolla "
            "rekisteröity hyväksyy henkilötietojensa käsittelyn antamalla suostumusta "
            "ilmaisevan lausuman tai toteuttamalla selkeästi suostumusta ilmaisevan toimen. "
            "Suostumuksen voi peruuttaa milloin tahansa, yhtä helposti kuin sen antaa."
        ),
        _("4 art. 11 alakohta, 6 art. 1 a, 7 art. 3 kohta"),
    ),
    Term(
        "tietojen-antamisen-pakollisuus",
        _("tietojen antamisen pakollisuus"),
        _(
            "Selosteessa kerrotaan, onko henkilötietojen antaminen lakisääteinen tai "
            "sopimukseen perustuva vaatimus taikka sopimuksen tekemisen edellytys, onko "
            "rekisteröidyn pakko antaa tiedot ja mitkä ovat seuraukset, jos tietoja ei anneta."
        ),
        _("13 art. 2 e"),
    ),
    Term(
        "tietolahde",
        _("tietolähde"),
        _(
            "Mistä henkilötiedot saadaan: rekisteröidyltä itseltään (13 art.) tai muualta, "
            "esimerkiksi toiselta rekisterinpitäjältä tai viranomaiselta (14 art.). Kun "
            "tiedot saadaan muualta, selosteessa kerrotaan lähde ja se, onko se julkinen."
        ),
        _("14 art. 2 f"),
    ),
    Term(
        "tietosuojavastaava",
        _("tietosuojavastaava"),
        _(
            "Rekisterinpitäjän nimittämä henkilö, joka neuvoo ja valvoo tietosuojan "
            "noudattamista ja toimii yhteyspisteenä valvontaviranomaiseen. Nimittäminen on "
            "pakollista esimerkiksi viranomaisille ja laajamittaisessa erityisten "
            "henkilötietoryhmien käsittelyssä; selosteessa kerrotaan vastaavan yhteystiedot."
        ),
        _("37–39 art., 13 art. 1 b"),
    ),
    Term(
        "tietosisalto",
        _("tietosisältö (henkilötietoryhmät)"),
        _(
            "Ne henkilötietojen ryhmät, joita rekisterissä käsitellään, esimerkiksi "
            "yhteystiedot tai laskutustiedot. Kun tiedot saadaan muualta kuin "
            "rekisteröidyltä, ne on kerrottava selosteessa."
        ),
        _("14 art. 1 d, 30 art. 1 c"),
    ),
    Term(
        "vakiolausekkeet",
        _("vakiolausekkeet"),
        _(
            "Komission hyväksymät tietosuojaa koskevat sopimuslausekkeet, joita siirron "
            "osapuolet noudattavat. Asianmukainen suojatoimi siirrolle kolmanteen maahan; "
            "nykyiset lausekkeet ovat komission täytäntöönpanopäätöksessä (EU) 2021/914."
        ),
        _("46 art. 2 c"),
    ),
    Term(
        "valvontaviranomainen",
        _("valvontaviranomainen"),
        _(
            "Jäsenvaltion perustama riippumaton viranomainen, jolle rekisteröity voi tehdä "
            "valituksen. Suomessa valvontaviranomainen on tietosuojavaltuutettu."
        ),
        _("4 art. 21 alakohta, 77 art., tietosuojalaki 8 §"),
    ),
    Term(
        "vastaanottaja",
        _("vastaanottaja"),
        _(
            "Luonnollinen henkilö tai oikeushenkilö, viranomainen, virasto tai muu elin, jolle "
            "henkilötietoja luovutetaan, oli kyseessä kolmas osapuoli tai ei. Myös "
            "henkilötietojen käsittelijä on vastaanottaja. Viranomaisia, jotka saavat tietoja "
            "tietyn tutkimuksen puitteissa lain mukaisesti, ei pidetä vastaanottajina."
        ),
        _("4 art. 9 alakohta, 13 art. 1 e"),
    ),
    Term(
        "yhteisrekisterinpitaja",
        _("yhteisrekisterinpitäjä"),
        _(
            "Kaksi tai useampi rekisterinpitäjä, jotka määrittävät yhdessä käsittelyn "
            "tarkoitukset ja keinot. Niiden on sovittava vastuistaan, ja järjestelyn "
            "keskeinen sisältö on oltava rekisteröidyn saatavilla."
        ),
        _("26 art. 1 ja 2 kohta"),
    ),
    Term(
        "yleinen-etu",
        _("yleistä etua koskeva tehtävä tai julkisen vallan käyttäminen"),
        _(
            "Oikeusperuste, kun käsittely on tarpeen yleistä etua koskevan tehtävän "
            "suorittamiseksi tai rekisterinpitäjälle kuuluvan julkisen vallan käyttämiseksi. "
            "Tehtävän on perustuttava unionin tai jäsenvaltion lakiin, joka nimetään "
            "selosteessa."
        ),
        _("6 art. 1 e ja 3 kohta"),
    ),
)

TERMS_BY_KEY: dict[str, Term] = {term.key: term for term in TERMS}


# (model label, field name) -> the glossary term its help text names. Form-only
# fields of a ModelForm use the form's model.
FIELD_TERMS: dict[tuple[str, str], str] = {
    # Controller (13 art. 1 a, b, d)
    ("registers.controller", "name"): "rekisterinpitaja",
    ("registers.controller", "representative"): "edustaja",
    ("registers.controller", "dpo_appointed"): "tietosuojavastaava",
    ("registers.controller", "authority_name"): "valvontaviranomainen",
    ("registers.controller", "rights_instructions"): "rekisteroity",
    # Libraries
    ("registers.datacategory", "name"): "tietosisalto",
    ("registers.datacategory", "kind"): "erityiset-henkilotietoryhmat",
    ("registers.datacategory", "special_condition"): "erityiset-henkilotietoryhmat",
    ("registers.recipient", "name"): "vastaanottaja",
    ("registers.recipient", "role"): "henkilotietojen-kasittelija",
    ("registers.recipient", "country"): "kolmas-maa",
    ("registers.source", "name"): "tietolahde",
    ("registers.source", "origin"): "tietolahde",
    # Register
    ("registers.register", "name"): "rekisteri",
    ("registers.register", "purposes_note"): "kasittelyn-tarkoitus",
    ("registers.register", "consent_withdrawal"): "suostumus",
    ("registers.register", "data_categories"): "tietosisalto",
    ("registers.register", "sources"): "tietolahde",
    ("registers.register", "recipients_statement"): "vastaanottaja",
    ("registers.register", "recipients"): "vastaanottaja",
    ("registers.register", "transfers_statement"): "siirto",
    ("registers.register", "automated_decisions"): "automaattinen-paatoksenteko",
    ("registers.register", "profiling"): "profilointi",
    ("registers.register", "automated_decision_exception"): "automaattinen-paatoksenteko",
    ("registers.register", "provision_requirement"): "tietojen-antamisen-pakollisuus",
    ("registers.register", "covers_website"): "evaste",
    ("registers.register", "joint_controller_arrangement"): "yhteisrekisterinpitaja",
    # Register parts
    ("registers.purpose", "description"): "kasittelyn-tarkoitus",
    ("registers.purpose", "legal_basis"): "oikeusperuste",
    ("registers.purpose", "legitimate_interest"): "oikeutettu-etu",
    ("registers.purpose", "law_reference"): "lakisaateinen-velvoite",
    ("registers.datasubjectcategory", "name"): "rekisteroity",
    ("registers.transfer", "country"): "kolmas-maa",
    ("registers.transfer", "safeguard"): "asianmukaiset-suojatoimet",
    ("registers.retentionrule", "period"): "sailytysaika",
    ("registers.retentionrule", "criteria"): "sailytysaika",
    ("registers.cookie", "name"): "evaste",
}


def term_for_field(bound_field: BoundField) -> Term | None:
    """The glossary term a form field's help text names, if any."""
    meta = getattr(bound_field.form, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        return None
    key = FIELD_TERMS.get((model._meta.label_lower, bound_field.name))
    return TERMS_BY_KEY[key] if key else None
