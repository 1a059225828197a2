"""The Finnish words of privacy notices, as data: headings, labels and phrases.

Patterns are regular expressions searched in lower-case text. They describe the
genre — notices written after the GDPR, old henkilötietolaki 10 § rekisteriselosteet
and generator-made tables — not any one notice. ``propose`` reads them; nothing
else in the importer knows a Finnish word.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop

from registers.models import (
    DataCategoryKind,
    DataSubjectRight,
    LegalBasis,
    ProvisionRequirement,
    RecipientRole,
    RetentionUnit,
    SecurityMaterial,
    TransferSafeguard,
)


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


# Section headings, first match wins: the more specific before the general. The keys
# follow the order of a notice (GDPR Art. 13-14; DESIGN.md "What a Finnish notice
# contains").
SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, _compile(patterns))
    for key, patterns in (
        ("dpo", (r"tietosuojavastaava", r"tietosuojavaltuutettu yhteyshenkilö")),
        (
            "contact",
            (
                r"^yhteyshenkilö",
                r"vastaava henkilö",
                r"rekisteriasio",
                r"^yhteydenotot",
                r"^yhteystiedot",
                r"rekisteriä koskevissa asioissa",
                r"^yhteydenpito",
            ),
        ),
        (
            "controller",
            (
                r"^rekisterin ?pitäjä",
                r"^rekisterinpitäjän",
                r"^rekisterinpitäjät",
                r"^yhteisrekisterinpitäjä",
                r"^henkilötietojen rekisterinpitäjä",
                r"^rekisterinpitäjä ja yhteyshenkilö",
            ),
        ),
        ("register_list", (r"^rekisterit$", r"^rekisterien nimet", r"^käsittelytoimet$")),
        (
            "register_name",
            (r"^rekisterin nimi", r"^rekisterin tai käsittelyn nimi", r"^rekisteri$"),
        ),
        (
            "transfers",
            (
                r"\beu:n\b.*ulkopuol",
                r"\beta:n\b.*ulkopuol",
                r"kolmansiin maihin",
                r"kansainväliset (tieto)?siirrot",
                r"tietojen siirrot? ",
            ),
        ),
        (
            "data",
            (
                r"tietosisäl",
                r"henkilötietoryhm",
                r"mitä (henkilö)?tietoja",
                r"käsiteltävät (henkilö)?tiedot",
                r"käsittelemät (henkilö)?tiedot",
                r"tallennettavat (henkilö)?tiedot",
                r"rekisteröityjen ryhmät ja",
                r"^henkilötiedot$",
                r"^kerättävät tiedot",
            ),
        ),
        (
            "subjects",
            (
                r"rekisteröityjen ryhmät",
                r"^rekisteröidyt$",
                r"kenen (henkilö)?tietoja",
                r"keitä rekisteri koskee",
                r"rekisteröityjen piiri",
            ),
        ),
        (
            "sources",
            (
                r"tietolähte",
                r"tietojen lähteet",
                r"mistä (saamme|saadaan|keräämme|tiedot saadaan|henkilötiedot)",
                r"tietojen keräämi",
                r"tietojen hankinta",
            ),
        ),
        (
            "recipients",
            (
                r"luovutu",
                r"luovuttami",
                r"kenelle",
                r"vastaanottaj",
                r"luovutamme",
                r"tietojen jakaminen",
                r"käsittelijät",
            ),
        ),
        ("security", (r"suojau", r"tietoturva", r"suojaaminen", r"suojaamise", r"turvallisuu")),
        (
            "retention",
            (r"säilytysai", r"säilyttämis", r"kuinka (pitkään|kauan)", r"säilytys", r"säilytetään"),
        ),
        ("automated", (r"automaattinen päätöksenteko", r"automaattiset päätökset", r"profilointi")),
        (
            "provision",
            (
                r"lakisääteinen tai sopimukseen perustuva",
                r"tietojen antamisen",
                r"velvollisuus antaa",
                r"pakko antaa",
            ),
        ),
        ("cookies", (r"eväste",)),
        (
            "changes",
            (
                r"selosteen muut",
                r"muutokset tähän",
                r"muutoshistoria",
                r"versiohistoria",
                r"päivittäminen",
                r"^muutokset",
            ),
        ),
        (
            "purpose",
            (
                r"tarkoitu",
                r"käyttötarkoitu",
                r"mitä varten",
                r"millä perusteella",
                r"oikeusperuste",
                r"käsittelyn peruste",
                r"perusteet ",
            ),
        ),
        (
            "rights",
            (
                r"oikeu",
                r"tarkastus",
                r"korjaus",
                r"kielto",
                r"valitus",
                r"valvontaviranomai",
            ),
        ),
    )
)

# A heading inside a register's purpose block that introduces its legal bases.
BASES_HEADING = _compile((r"^oikeusperuste(et)?$", r"^käsittelyn (oikeus)?peruste(et)?$"))

# Legal bases of GDPR Art. 6(1) as notices name them.
LEGAL_BASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (basis, _compile(patterns))
    for basis, patterns in (
        (LegalBasis.CONSENT, (r"suostum", r"6 ?art\w*\.? ?(1 ?(kohdan )?)?\(?a\)?\b")),
        (
            LegalBasis.CONTRACT,
            (
                r"\bsopimu",
                r"\bsopimukse",
                r"6 ?art\w*\.? ?(1 ?(kohdan )?)?\(?b\)?\b",
            ),
        ),
        (
            LegalBasis.LEGAL_OBLIGATION,
            (
                r"lakisääteis",
                r"lain (nojalla|perusteella|velvoittama|edellyttämä)",
                r"lakiin perustuv",
                r"perustuu \w*lakiin",
                r"\w*lain (mukaan|nojalla) \w+ on",
                r"oikeudellis\w* velvoit",
                r"6 ?art\w*\.? ?(1 ?(kohdan )?)?\(?c\)?\b",
            ),
        ),
        (LegalBasis.VITAL_INTERESTS, (r"elintärk",)),
        (
            LegalBasis.PUBLIC_TASK,
            (r"yleisen edun", r"yleistä etua", r"julkisen vallan", r"6 ?art\w*\.? ?(1 )?\(?e\)?\b"),
        ),
        (
            LegalBasis.LEGITIMATE_INTERESTS,
            (
                r"oikeutettu\w* etu",
                r"oikeutetu\w* edu",
                r"oikeutettuun etuun",
                r"6 ?art\w*\.? ?(1 ?(kohdan )?)?\(?f\)?\b",
            ),
        ),
    )
)

# A sentence that states the basis of the whole register ("Henkilötietojen käsittely
# perustuu rekisteröidyn antamaan suostumukseen").
BASIS_STATEMENT = _compile(
    (r"käsittely perustuu", r"käsittelyn (oikeus)?peruste(ena)? on", r"oikeusperuste(ena)? on")
)

# Labels of "Label: value" lines in the controller and contact blocks.
CONTROLLER_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, _compile(patterns))
    for name, patterns in (
        ("business_id", (r"^y-?tunnus", r"^ly-?tunnus", r"^yritystunnus", r"^business id")),
        ("email", (r"^sähköposti", r"^s-posti", r"^e-?mail", r"^email")),
        ("phone", (r"^puh", r"^tel", r"^vaihde")),
        ("website", (r"^verkkosivu", r"^www", r"^kotisivu", r"^internet")),
        ("street_address", (r"^osoite", r"^postiosoite", r"^käyntiosoite", r"^katuosoite")),
        ("name", (r"^nimi", r"^yritys", r"^rekisterinpitäjä$", r"^organisaatio", r"^toiminimi")),
    )
)

# Whether a source is the data subject (GDPR Art. 13) or somewhere else (Art. 14).
SOURCE_DATA_SUBJECT = _compile(
    (
        r"itseltään",
        r"rekisteröidyltä",
        r"rekisteröity itse",
        r"asiakkaalta",
        r"hakijalta",
        r"työntekijältä",
        r"käyttäjältä",
        r"henkilöltä itseltään",
        r"\b(asiakas|jäsen|hakija|työntekijä|käyttäjä|rekisteröity|opiskelija) itse\b",
    )
)
SOURCE_PUBLIC = _compile(
    (
        r"julkisi",
        r"yleisesti saatavilla",
        r"vapaista tietolähteistä",
        r"vapaat tietolähteet",
        r"kaupparekister",
        r"yritystietopalvelu",
        r"\bytj\b",
        r"väestötietojärjestelmä",
    )
)

# Recipient roles as notices name them ("Ulkopuoliset palveluntarjoajat: …").
RECIPIENT_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, _compile(patterns))
    for role, patterns in (
        (RecipientRole.AUTHORITY, (r"viranomai", r"verohallin", r"poliisi", r"kela\b")),
        (
            RecipientRole.PROCESSOR,
            (
                r"palveluntarjoaj",
                r"palveluntuottaj",
                r"käsittelijä",
                r"alihankkij",
                r"kumppan",
                r"toimittaj",
                r"järjestelmä",
                r"pilvipalvelu",
            ),
        ),
        (RecipientRole.JOINT_CONTROLLER, (r"yhteisrekisterinpitäj",)),
        # A buyer of the business, an insurer, a bank: controllers of their own.
        (RecipientRole.CONTROLLER, (r"ostaj", r"vakuutusyhtiö", r"pankk", r"rekisterinpitäj")),
    )
)

# "Tietoja ei luovuteta" and its kin: the register has no recipients.
NO_RECIPIENTS = _compile(
    (
        r"tietoja ei (säännönmukaisesti |lähtökohtaisesti )?luovuteta(?! eu)(?! eta)",
        r"^ei luovuteta",
        r"emme luovuta",
        r"ei luovuteta ulkopuolisille",
    )
)
# "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle" and its kin.
NO_TRANSFERS = _compile(
    (
        r"ei (siirretä|luovuteta|siirry)\b.*(eu|eta)",
        r"^ei siirretä",
        r"emme siirrä",
        r"ei siirretä",
        r"tietoja ei siirretä",
    )
)
TRANSFER_MENTION = _compile(
    (r"\beu:n\b", r"\beta:n\b", r"\beu-", r"kolmansiin maihin", r"kolmanteen maahan")
)

SAFEGUARDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (safeguard, _compile(patterns))
    for safeguard, patterns in (
        (TransferSafeguard.PRIVACY_SHIELD, (r"privacy shield",)),
        (
            TransferSafeguard.DATA_PRIVACY_FRAMEWORK,
            (r"data privacy framework", r"tietosuojakehy", r"\bdpf\b"),
        ),
        (
            TransferSafeguard.STANDARD_CLAUSES,
            (
                r"vakiolausek",
                r"mallilausek",
                r"mallisopimuslausek",
                r"standard contractual",
                r"\bscc",
            ),
        ),
        (
            TransferSafeguard.BINDING_CORPORATE_RULES,
            (r"sitov\w* yrityssään", r"yritystä koskevat sitovat", r"\bbcr\b"),
        ),
        (TransferSafeguard.ADEQUACY, (r"riittävyyspäätö", r"riittävä tietosuojan taso")),
    )
)

# Country names in the nominative, as a transfer states them.
COUNTRIES = _compile(
    (
        r"yhdysvall\w*",
        r"\busa\b",
        r"iso-britannia\w*",
        r"britannia\w*",
        r"intia\w*",
        r"kanada\w*",
        r"sveitsi\w*",
        r"japani\w*",
        r"kiina\w*",
        r"australia\w*",
        r"singapore\w*",
        r"venäjä\w*",
        r"ukraina\w*",
        r"filippiin\w*",
    )
)
COUNTRY_NAMES = {
    "yhdysvall": "Yhdysvallat",
    "usa": "Yhdysvallat",
    "iso-britannia": "Iso-Britannia",
    "britannia": "Iso-Britannia",
    "intia": "Intia",
    "kanada": "Kanada",
    "sveitsi": "Sveitsi",
    "japani": "Japani",
    "kiina": "Kiina",
    "australia": "Australia",
    "singapore": "Singapore",
    "venäjä": "Venäjä",
    "ukraina": "Ukraina",
    "filippiin": "Filippiinit",
}

# Notices name the material a security text is about ("Manuaalinen aineisto: …",
# "Sähköisesti käsiteltävät tiedot …"); a text that names neither is general.
SECURITY_MATERIALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (SecurityMaterial.MANUAL, _compile((r"manuaali", r"paperi\w* (aineisto|muodossa)"))),
    (
        SecurityMaterial.ELECTRONIC,
        _compile((r"sähköi\w* (käsiteltäv|aineisto|tallennet|muodossa)",)),
    ),
)
SECURITY_TITLES = {
    SecurityMaterial.MANUAL: "Manuaalinen aineisto",
    SecurityMaterial.ELECTRONIC: "Sähköisesti käsiteltävät tiedot",
    SecurityMaterial.GENERAL: "Yleiset periaatteet",
}

# Finnish numerals as retention periods write them.
NUMBER_WORDS = {
    "yksi": 1,
    "yhden": 1,
    "yhtä": 1,
    "kaksi": 2,
    "kahden": 2,
    "kolme": 3,
    "kolmen": 3,
    "neljä": 4,
    "neljän": 4,
    "viisi": 5,
    "viiden": 5,
    "kuusi": 6,
    "kuuden": 6,
    "seitsemän": 7,
    "kahdeksan": 8,
    "yhdeksän": 9,
    "kymmenen": 10,
    "kaksitoista": 12,
    "kahdentoista": 12,
}
PERIOD = re.compile(
    r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s*"
    r"(vuo\w*|v\.|kuukau\w*|kk\b|päiv\w*|vrk\b|viik\w*)",
)
# "maksimissaan vuoden", "enintään vuoden ajan": one year without a numeral.
BARE_YEAR = re.compile(r"\b(maksimissaan|enintään|korkeintaan|vähintään|noin|yhden) vuoden\b")
PERIOD_UNITS: tuple[tuple[str, str, int], ...] = (
    # prefix, unit, multiplier
    ("vuo", RetentionUnit.YEARS, 1),
    ("v.", RetentionUnit.YEARS, 1),
    ("kuukau", RetentionUnit.MONTHS, 1),
    ("kk", RetentionUnit.MONTHS, 1),
    ("päiv", RetentionUnit.DAYS, 1),
    ("vrk", RetentionUnit.DAYS, 1),
    ("viik", RetentionUnit.DAYS, 7),
)
# The event a period runs from: "asiakkuuden päättymisen jälkeen" → "asiakkuuden
# päättymisestä".
STARTS_FROM = re.compile(
    r"\b([\wåäö-]+(?:n|den|ten))\s+(päättymisen jälkeen|päätyttyä|päättymisestä|"
    r"lopettamisen jälkeen|lopettamisesta|purkautumisen jälkeen|raukeamisen jälkeen|"
    r"viimeisestä\s+\w+)",
)
RETENTION_SENTENCE = _compile(
    (
        r"säilytetään",
        r"säilytämme",
        r"säilyttää",
        r"säilytysaika",
        r"säilyttämisaika",
        r"poistetaan",
        r"poistamme",
        r"hävitetään",
        r"käsitellään .*(ajan|kunnes)",
    )
)

# Sentences about cookies and the website.
COOKIE_SENTENCE = _compile((r"eväste", r"\bcookie", r"verkkovierailu", r"analytiikka"))
# A line that announces a list of cookies or tools ("Käytämme lisäksi evästeitä
# seuraavissa käyttötapauksissa …").
COOKIE_LIST_INTRO = _compile(
    (r"eväste\w* seuraav", r"seuraavi\w* eväste", r"seuraavia (palveluita|työkaluja)")
)

# Art. 13(2)(e): is giving the data a requirement.
PROVISION: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ProvisionRequirement.CONTRACT_PRECONDITION,
        _compile((r"sopimuksen (tekemisen|solmimisen) edellytys",)),
    ),
    (
        ProvisionRequirement.STATUTORY,
        _compile((r"lakisääteinen vaatimus", r"lain (mukaan|nojalla) (on )?annettava")),
    ),
    (
        ProvisionRequirement.CONTRACTUAL,
        _compile(
            (
                r"sopimu\w* .*(on )?(henkilö)?tiedot annettava",
                r"annettava, jotta sopimus",
                r"sopimukseen perustuva vaatimus",
            )
        ),
    ),
    (
        ProvisionRequirement.VOLUNTARY,
        _compile((r"vapaaehtoi\w* antaa", r"antaminen on vapaaehtoista", r"ei ole pakko antaa")),
    ),
)

AUTOMATED_NONE = _compile(
    (
        r"(ei|emme) (tehdä|tee|käytetä)\b.*(automaattis|profiloi)",
        r"automaattis\w* päätöksentekoa (ei|emme)",
        r"profilointia (ei|emme)",
    )
)
AUTOMATED_DECISIONS = _compile((r"automaattis\w* päätö",))
PROFILING = _compile((r"profiloi",))

# Special categories (GDPR Art. 9(1)), criminal data (Art. 10) and the personal
# identity code (tietosuojalaki 29 §) as data categories name them.
DATA_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DataCategoryKind.IDENTITY_CODE, _compile((r"henkilötunnu", r"\bhetu\b"))),
    (DataCategoryKind.CRIMINAL, _compile((r"rikos", r"rikkomu", r"rikostaust"))),
    (
        DataCategoryKind.SPECIAL,
        _compile(
            (
                r"tervey",
                r"sairau",
                r"ammattiliito",
                r"ammattiyhdisty",
                r"uskonnolli",
                r"vakaumu",
                r"etni",
                r"rotu",
                r"poliittis",
                r"biometri",
                r"geneetti",
                r"seksuaali",
            )
        ),
    ),
)

# Rights, in the words the rights sections use; the first match names the right a
# procedural sentence is about.
RIGHTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DataSubjectRight.DIRECT_MARKETING, _compile((r"suoramarkkin", r"suoramainon"))),
    (DataSubjectRight.WITHDRAW_CONSENT, _compile((r"suostumu\w* (peru|peruutt)",))),
    (DataSubjectRight.PORTABILITY, _compile((r"siirtää tied", r"siirto-oikeu", r"siirrettävyy"))),
    (DataSubjectRight.RESTRICTION, _compile((r"rajoitt",))),
    (DataSubjectRight.OBJECTION, _compile((r"vastust",))),
    (DataSubjectRight.RECTIFICATION, _compile((r"oikai", r"korja"))),
    (DataSubjectRight.ERASURE, _compile((r"poista", r"unohdetuksi"))),
    (DataSubjectRight.ACCESS, _compile((r"tarkast", r"pääsy", r"nähdä"))),
)
# How to exercise the rights: contact, form, address.
RIGHTS_INSTRUCTIONS = _compile(
    (
        r"(käyttää|käyttämään) \w*\s?(näitä |näit[äa] )?\w*oikeu",
        r"pyyntö \w+ (lähettää|osoittaa|tehdä)",
        r"pyynnö(n|t) voi (lähettää|tehdä|esittää)",
        r"oikeu\w+ ottamalla yhteyttä",
    )
)
# A sentence that merely restates a right that Seloste writes itself.
RIGHT_STATEMENT = _compile(
    (
        r"^(rekisteröidyllä|sinulla|asiakkaalla|henkilöllä) on\b",
        r"^oikeus ",
        r"^saada pääsy",
        r"^vastustamisoikeus",
        r"tietosuoja-asetuksen mukaan",
        r"oikeus tehdä valitus",
        r"rekisteröidyn pyynnöstä",
        r"oikeus (saada|tarkastaa|tarkistaa|vaatia|pyytää|peruuttaa|perua|kieltää|siirtää)",
    )
)

# Dates: "Laadittu 30.9.2018", "Viimeisin muutos 9.12.2020", "päivitetty 2.8.2018".
DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
DRAFTED = _compile((r"laadittu", r"laatimispäivä", r"luotu", r"perustettu", r"päiväys"))
CHANGED = _compile((r"muutettu", r"muutos", r"päivitetty", r"päivitys", r"päivitetään", r"versio"))

# The subjects of the register stated in a sentence ("Rekisteröidyt voivat olla …").
SUBJECTS_SENTENCE = re.compile(
    r"(rekisteröidyt (voivat olla|ovat)|rekisteröityjä (ovat|voivat olla)|"
    r"asiakaskunta koostuu|rekisteri sisältää tietoja)\s+(?P<list>.+?)\.?$",
    re.IGNORECASE,
)

# The document's own title, repeated at the top of many notices.
TITLE = _compile(
    (
        r"^(tietosuoja|rekisteri)seloste$",
        r"^(eu:n )?tietosuoja-asetuksen mukainen",
        r"^tietosuojaseloste ja",
        r"^henkilötietolain .*mukainen (rekisteri|tietosuoja)seloste$",
        r"^(yhdistetty )?rekisteri- ja tietosuojaseloste$",
    )
)

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "mm",
        "esim",
        "ko",
        "ns",
        "jne",
        "yms",
        "ym",
        "tms",
        "art",
        "erit",
        "n",
        "s",
        "v",
        "klo",
        "puh",
        "p",
        "os",
        "mr",
        "nro",
        "kpl",
        "ks",
        "vrt",
        "engl",
        "ts",
        "eli",
        "tm",
        "oy",
    }
)

# Hints for unplaced passages (translated where shown: propose.py).
RIGHTS_HINT = gettext_noop(
    "Seloste kirjoittaa rekisteröidyn oikeudet itse tietosuoja-asetuksen 15–22 artiklan "
    "mukaisesti; tämän kohdan voi yleensä jättää pois."
)

# A law named with its number: "yhdistyslakiin (503/1989)".
LAW_REFERENCE = re.compile(
    r"\b(?P<law>[a-zåäö-]*la(?:ki|kiin|in|issa|ista|kia))\s*\((?P<number>\d{1,4}/\d{4})\)"
    r"(?P<section>\s*\d+\s*§)?",
    re.IGNORECASE,
)
# An organisation's name in a recipient line: "Timma Oy", "Salesforce Inc.".
ORGANISATION = re.compile(
    r"\b(oy|oyj|ab|ltd|inc|llc|gmbh|ry|ky|tmi|sa|bv|plc|as|a/s)\b\.?", re.IGNORECASE
)

# "keräämme … tietoa verkkovierailusta … mm. A, B sekä C": a kind of data with examples.
COLLECTED_WITH_EXAMPLES = re.compile(
    r"(?:keräämme|kerätään|tallennamme|tallennetaan)\s+(?:\w+\s)?"
    r"(?P<what>tieto\w*\s+\w+)\b.*?\b(?:mm\.|kuten|esim\.)\s+(?P<list>[^.]+,[^.]+)"
)
