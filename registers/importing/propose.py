"""From a notice's text to a proposal: each proposed value with the passages it came from.

The text comes from ``read`` (one heading, paragraph, list item or table row per
line; list items start with "• "; table rows join their cells with " | "). The
steps:

1. ``_Document`` cuts the lines into passages (sentences of paragraphs, list items,
   table cells) and finds the section each stands in, from the headings of
   ``vocabulary.SECTIONS``; in a notice of several registers, a line naming one of
   them starts that register's part of a section.
2. One reader per section turns its passages into items. A sentence whose own
   words belong elsewhere (a retention period under "security", a date of change in
   the introduction) goes where its words say.
3. ``library.match_existing`` points library items at the organisation's own items
   of the same meaning.

Nothing is guessed: a purpose whose text names no legal basis gets none and a note
for the officer; a value the text does not give is not proposed. Every passage the
readers did not use is listed as unplaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from registers.importing import vocabulary as vocab
from registers.importing.proposal import Item, Passage, Proposal
from registers.importing.read import UnreadableFile
from registers.models import (
    Controller,
    DataCategoryKind,
    RecipientRole,
    RecipientsStatement,
    SecurityMaterial,
    SourceOrigin,
    TransfersStatement,
)
from registers.validators import business_id_check_digit

BULLET = "• "
# A heading is short; a longer line is text even if it contains a heading's words.
HEADING_MAX_WORDS = 12
# A notice lists a handful of registers; more names than this are text, not registers
# (and the proposal's size stays bounded).
MAX_REGISTERS = 50
# Proposed values in one import; the review posts a few fields for each.
MAX_ITEMS = 1500
# Model field lengths (registers/models.py): longer list items are cut at a word.
NAME_MAX = 300


class NothingRecognised(UnreadableFile):
    """The text has none of the sections of a privacy notice."""


@dataclass
class _Block:
    """One line of the text: a heading, a paragraph, a list item or a table row."""

    kind: str  # "heading", "paragraph", "bullet"
    text: str
    passages: list[int]
    section: str
    register: int | None  # None: the section's shared part (all registers)
    # The paragraph just before a list: its label ("Analytiikkaan", "Oikeusperusteet").
    label: str = ""
    # A paragraph that introduces the list after it ("… henkilötietoryhmiä ovat").
    is_label: bool = False
    # Its place in the document's blocks.
    index: int = -1
    # For a list item: the paragraph that introduced its list, if one did.
    label_block: _Block | None = None


@dataclass
class _Document:
    passages: list[Passage] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)

    def passage(self, text: str, heading: str, role: str = "") -> int:
        self.passages.append(Passage(id=len(self.passages), text=text, heading=heading, role=role))
        return len(self.passages) - 1

    def text(self, passage_id: int) -> str:
        return self.passages[passage_id].text

    def section(self, key: str) -> list[_Block]:
        return [block for block in self.blocks if block.section == key]


def propose(text: str, controller: Controller, *, origin: str, origin_kind: str) -> Proposal:
    """The proposal for a notice's text; ``NothingRecognised`` if it is no notice."""
    document = _cut(text)
    if not any(block.section not in ("intro", "other") for block in document.blocks):
        raise NothingRecognised(
            _(
                "Tekstistä ei tunnistettu tietosuojaselosteen kohtia (esim. ”Rekisterinpitäjä”, "
                "”Käsittelyn tarkoitus”, ”Säilytysaika”). Tarkista, että tiedosto on "
                "tietosuoja- tai rekisteriseloste, tai liitä teksti otsikkoineen."
            )
        )
    builder = _Builder(document)
    builder.build()
    if len(builder.items) > MAX_ITEMS:
        # The review page would be thousands of forms: no old notice is this long.
        raise UnreadableFile(
            _(
                "Tekstistä löytyi yli %(count)s ehdotettavaa tietoa, mikä on enemmän kuin "
                "yhdessä selosteessa voi olla. Tuo seloste osissa, esim. rekisteri kerrallaan."
            )
            % {"count": f"{MAX_ITEMS:,}".replace(",", "\u00a0")}
        )
    proposal = Proposal(
        origin=origin,
        origin_kind=origin_kind,
        passages=document.passages,
        register_count=max(1, len(document.registers)),
        items=builder.items,
    )
    # Imported here: library imports models only, and templates use it too.
    from registers.importing.library import match_existing

    match_existing(controller, proposal)
    return proposal


# --- 1. Cutting the text into sections and passages ----------------------------------


def _normal(text: str) -> str:
    """Lower case, numbering and trailing colon removed: the form headings are matched in."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = re.sub(r"^(\d{1,2}(\.\d{1,2})*\.?\)?|[a-z]\)|§\s*\d+\.?)\s+", "", text)
    return text.rstrip(" :.;").strip()


_NUMBERED = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?\)?\s+[A-ZÅÄÖa-zåäö]")


def _section_of(line: str, *, numbered_only: bool = False) -> str | None:
    """The section a heading line opens, or None if the line is no heading.

    In a notice whose headings are numbered, an unnumbered line is never a heading:
    "Asiakassuhteessa käsiteltäviä henkilötietoryhmiä ovat" introduces a list.
    """
    if line.startswith(BULLET) or len(line.split()) > HEADING_MAX_WORDS:
        return None
    stripped = line.rstrip()
    numbered = _NUMBERED.match(stripped) is not None
    if numbered_only and not numbered:
        return None
    # A line ending in a verb introduces what follows; it heads nothing.
    if re.search(r"\b(on|ovat|ovat seuraavat|seuraavasti|esim)\s*:?$", stripped.lower()):
        return None
    # A sentence is no heading: it ends with a full stop (numbered headings may too).
    if stripped.endswith((".", "!", "?")) and not (numbered and len(stripped.split()) <= 8):
        return None
    normal = _normal(stripped)
    if not normal:
        return None
    for key, pattern in vocab.SECTIONS:
        if pattern.search(normal):
            return key
    return "other" if numbered else None


def _sentences(text: str) -> list[str]:
    """A paragraph's sentences; a full stop after an abbreviation or a date's day ends none."""
    parts: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?](?=\s+[\"”'(]?[A-ZÅÄÖ0-9])", text):
        before = text[start : match.start()]
        word = re.search(r"([\wåäö]+)$", before)
        if word and (
            word.group(1).lower() in vocab.ABBREVIATIONS
            # "30.9." in a date, "2 §." is fine; "kohdan 1. Rekisterinpitäjä" rare.
            or (word.group(1).isdigit() and len(word.group(1)) <= 2)
        ):
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return [part for part in parts if part]


def _lines(text: str) -> Iterator[str]:
    pending_bullet = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line in ("•", "-", "–"):
            # An empty list item whose text went to the next line.
            pending_bullet = True
            continue
        if pending_bullet and not line.startswith(BULLET):
            line = BULLET + line
        pending_bullet = False
        yield line


def _cut(text: str) -> _Document:
    document = _Document()
    lines = list(_lines(text))
    numbered_headings = sum(
        1 for line in lines if _NUMBERED.match(line) and _section_of(line) not in (None, "other")
    )
    numbered_only = numbered_headings >= 3
    section, heading, register = "intro", "", None
    register_names: list[str] = []
    label = ""
    # After "Käytämme evästeitä seuraavissa …", labelled lists are cookies.
    cookie_list = False
    label_block: _Block | None = None
    for index, line in enumerate(lines):
        # Generator-made tables: "Rekisterinpitäjä | Yritys Oy, …".
        if " | " in line:
            cells = [cell.strip() for cell in line.split(" | ") if cell.strip()]
            key = _section_of(cells[0]) if cells else None
            if key and len(cells) > 1:
                section, heading, register, label = key, cells[0], None, ""
                _heading(document, cells[0], heading, section, None)
                for cell in cells[1:]:
                    _add_text(document, cell, section, heading, register, label)
                continue
        # A line naming one of the registers starts that register's part.
        bare = _normal(line)
        named = [i for i, name in enumerate(register_names) if _normal(name) == bare]
        if named and not line.startswith(BULLET):
            register, label = named[0], ""
            _heading(document, line, heading, section, register)
            continue
        if section == "purpose" and vocab.BASES_HEADING.search(_normal(line)):
            # "Oikeusperusteet" inside a register's purposes: a label, not a section.
            label = line
            _heading(document, line, heading, section, register)
            continue
        key = _section_of(line, numbered_only=numbered_only)
        if key and vocab.TITLE.search(_normal(line)) is None:
            if key == "purpose" and vocab.BASES_HEADING.search(_normal(line)):
                # "Oikeusperusteet" inside a register's purposes: a label, not a section.
                label = line
                _heading(document, line, heading, section, register)
                continue
            if key == section and _normal(line) in (_normal(heading), "käsittelyn tarkoitus"):
                # A sub-heading repeating its section's subject ("Käsittelyn tarkoitus").
                _heading(document, line, heading, section, register)
                label = ""
                continue
            section, heading, register, label = key, line, None, ""
            cookie_list = False
            _heading(document, line, line, key, None)
            continue
        if section == "intro" and vocab.TITLE.search(_normal(line)):
            _heading(document, line, "", "intro", None)
            continue
        if section == "register_list" and line.startswith(BULLET):
            name = line[len(BULLET) :].strip().rstrip(".;,")
            if len(register_names) >= MAX_REGISTERS:
                _add_text(document, line, section, heading, None, "")
                continue
            register_names.append(name)
            document.registers = register_names
            document.blocks.append(
                _Block("bullet", name, [document.passage(name, heading)], section, None)
            )
            continue
        is_bullet = line.startswith(BULLET)
        introduces = not is_bullet and _introduces_list(line, lines, index)
        if introduces:
            label = line
        elif not is_bullet:
            label = ""
        if not is_bullet and vocab.COOKIE_LIST_INTRO.search(line.lower()):
            cookie_list = True
        in_cookies = cookie_list and (is_bullet or introduces)
        before = len(document.blocks)
        _add_text(
            document,
            line,
            "cookies" if in_cookies else section,
            heading,
            register,
            label if is_bullet else "",
        )
        if len(document.blocks) > before:
            added = document.blocks[-1]
            if is_bullet:
                added.label_block = label_block
            else:
                added.is_label = introduces
                label_block = added if introduces else None
    for index, block in enumerate(document.blocks):
        block.index = index
    return document


def _heading(
    document: _Document, line: str, heading: str, section: str, register: int | None
) -> None:
    """A heading line: its passage is the proposal's structure, never unplaced."""
    passage = document.passage(line, heading, role="heading")
    document.blocks.append(_Block("heading", line, [passage], section, register))


def _introduces_list(line: str, lines: list[str], index: int) -> bool:
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return following.startswith(BULLET)


def _add_text(
    document: _Document, line: str, section: str, heading: str, register: int | None, label: str
) -> None:
    if line.startswith(BULLET):
        text = line[len(BULLET) :].strip()
        if text:
            document.blocks.append(
                _Block("bullet", text, [document.passage(text, heading)], section, register, label)
            )
        return
    passages = [document.passage(sentence, heading) for sentence in _sentences(line)]
    if passages:
        document.blocks.append(_Block("paragraph", line, passages, section, register, label))


# --- 2. Reading the sections -----------------------------------------------------------


def _clean_item(text: str) -> str:
    """A list item as a name: no final punctuation, first letter capital."""
    text = text.strip().rstrip(".;,:").strip()
    text = re.sub(r"\s+", " ", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if len(text) > NAME_MAX:
        text = text[: NAME_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


def _split_list(text: str) -> list[str]:
    """ "a, b ja c" → [a, b, c]; commas inside brackets do not split."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    items: list[str] = []
    for index, part in enumerate(parts):
        part = part.strip()
        if index == len(parts) - 1:
            # The last comma item may end "b ja c" / "b sekä c".
            tail = re.split(r"\s+(?:ja|sekä|tai)\s+", part, maxsplit=1)
            if len(parts) > 1 and len(tail) == 2:
                items.extend(tail)
                continue
            part = re.sub(r"^(?:ja|sekä|tai)\s+", "", part)
        items.append(part)
    return [item.strip() for item in items if item.strip()]


# Illative endings of a purpose stated as "käsitellään X:ään" → the nominative.
_ILLATIVE = (
    ("miseen", "minen"),
    ("iseen", "inen"),
    ("ntiin", "nti"),
    ("ntaan", "nta"),
    ("ntään", "ntä"),
    ("oon", "o"),
    ("iin", "i"),
    ("aan", "a"),
    ("ään", "ä"),
    ("uun", "u"),
    ("yyn", "y"),
)


def _nominative(phrase: str) -> str:
    """Illative words of a purpose phrase in the nominative ("markkinointiin" → …"nti")."""
    words = phrase.split()

    def convert(word: str) -> str:
        for ending, replacement in _ILLATIVE:
            if word.endswith(ending) and len(word) > len(ending) + 3:
                return word[: -len(ending)] + replacement
        return word

    # The head word and words joined to it by "ja" are illative; attributes before
    # them ("liiketoiminnan") are genitive and stay.
    converted = []
    for index, word in enumerate(words):
        next_word = words[index + 1] if index + 1 < len(words) else ""
        if index == len(words) - 1 or next_word in ("ja", "sekä", "tai"):
            converted.append(convert(word))
        else:
            converted.append(word)
    return " ".join(converted)


def _plural_nominative(phrase: str) -> str:
    """A group of people named in the partitive or genitive plural, in the nominative.

    "yksityisiä henkilöitä" → "yksityiset henkilöt", "markkinointiluvan antaneiden"
    → "markkinointiluvan antaneet"; a word of another form is kept.
    """
    endings = (
        ("neiden", "neet"),
        ("neitä", "neet"),
        ("vien", "vat"),
        ("viä", "vät"),
        ("via", "vat"),
        ("siä", "set"),
        ("sia", "set"),
        ("istä", "t"),
        ("ista", "t"),
        ("iden", "t"),
        ("itä", "t"),
        ("ita", "t"),
    )
    words = []
    for word in phrase.split():
        for ending, replacement in endings:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                word = word[: -len(ending)] + replacement
                break
        words.append(word)
    return " ".join(words)


def _measure_title(material: str, text: str) -> str:
    words = text.split()
    head = " ".join(words[:6]).rstrip(".,;:")
    title = f"{vocab.SECURITY_TITLES[material]}: {head}{'…' if len(words) > 6 else ''}"
    return title[:200]


def _bases_in(text: str) -> list[str]:
    lowered = text.lower()
    return [basis for basis, pattern in vocab.LEGAL_BASES if pattern.search(lowered)]


def _period(text: str) -> tuple[int, str] | None:
    lowered = text.lower()
    match = vocab.PERIOD.search(lowered)
    if match:
        number, unit_word = match.groups()
        value = int(number) if number.isdigit() else vocab.NUMBER_WORDS[number]
        for prefix, unit, multiplier in vocab.PERIOD_UNITS:
            if unit_word.startswith(prefix) and value > 0:
                return value * multiplier, unit
    if vocab.BARE_YEAR.search(lowered):
        return 1, "years"
    return None


def _starts_from(text: str) -> str:
    match = vocab.STARTS_FROM.search(text.lower())
    if not match:
        last = re.search(r"\bviimeisestä\s+[\wåäö]+", text.lower())
        return last.group(0) if last else ""
    event, how = match.groups()
    if how.startswith("viimeisestä"):
        return how
    verb = how.split()[0]
    if verb.endswith("jälkeen") or verb in ("päätyttyä",):
        verb = "päättymisen"
    noun = {
        "päättymisen": "päättymisestä",
        "lopettamisen": "lopettamisesta",
        "purkautumisen": "purkautumisesta",
        "raukeamisen": "raukeamisesta",
    }.get(verb, verb)
    return f"{event} {noun}"


def _date(match: re.Match[str]) -> date | None:
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])(\+358|0)[\d ()-]{5,16}\d")
_BUSINESS_ID = re.compile(r"\b(\d{7})-(\d)\b")
_POSTAL = re.compile(r"^(?P<street>.*?),?\s*(?P<code>\d{5})\s+(?P<city>[A-ZÅÄÖ][\wåäö -]+)$")
_WEBSITE = re.compile(r"\b(https?://[^\s,;]+|www\.[^\s,;]+)", re.IGNORECASE)
_PERSON = re.compile(r"^[A-ZÅÄÖ][a-zåäö-]+( [A-ZÅÄÖ][a-zåäö-]+){1,2}$")


@dataclass
class _Safeguard:
    safeguard: str
    text: str
    passages: list[int]


class _Builder:
    def __init__(self, document: _Document) -> None:
        self.document = document
        self.items: list[Item] = []
        self.count = max(1, len(document.registers))
        # The legal bases the notice names for the register(s) as a whole.
        self.register_bases: dict[int | None, list[str]] = {}
        self.register_basis_passages: dict[int | None, list[int]] = {}
        # Lookups that keep building linear in the text's length.
        self.fields: dict[tuple[int | None, str], Item] = {}
        self.field_texts: dict[tuple[int | None, str], set[str]] = {}
        self.named: dict[tuple[str, int], dict[str, Item]] = {}
        self.passage_sections = {
            passage: block.section for block in document.blocks for passage in block.passages
        }
        # Retention sentences met in other sections, read after the rest.
        self.pending_retention: list[tuple[_Block, int]] = []
        self.last_provision: int | None = None
        self.last_safeguard: int | None = None
        # The transfer safeguard each register's text names, for its transfers.
        self.safeguards: dict[int, _Safeguard] = {}

    # -- helpers --

    def add(
        self,
        kind: str,
        values: dict[str, Any],
        passages: list[int],
        register: int | None = None,
        notes: list[str] | None = None,
    ) -> Item:
        item = Item(
            key=f"{kind}.{len(self.items)}",
            kind=kind,
            values=values,
            passages=list(passages),
            register=register,
            notes=list(notes or []),
        )
        self.items.append(item)
        return item

    def registers_of(self, block: _Block) -> list[int]:
        """The registers a block is about: its own, or all of them for a shared part."""
        return [block.register] if block.register is not None else list(range(self.count))

    def register_field(self, register: int, name: str, value: Any, passages: list[int]) -> None:
        """Set a register field; text fields gather the passages of several blocks."""
        self.gather("register_field", register, name, value, passages)

    def gather(
        self, kind: str, register: int | None, name: str, value: Any, passages: list[int]
    ) -> None:
        """One item per field, its text the sentences given to it, in order, once each."""
        key = (register, f"{kind}:{name}")
        item = self.fields.get(key)
        if item is None:
            self.fields[key] = self.add(kind, {"field": name, "value": value}, passages, register)
            self.field_texts[key] = {value} if isinstance(value, str) else set()
            return
        if isinstance(value, str) and isinstance(item.values["value"], str):
            if value not in self.field_texts[key]:
                self.field_texts[key].add(value)
                item.values["value"] = f"{item.values['value']} {value}".strip()
            known = set(item.passages[-len(passages) - 8 :])
            item.passages.extend(p for p in passages if p not in known)
        else:
            item.values["value"] = value

    def remove(self, item: Item) -> None:
        self.items.remove(item)
        for key, indexed in list(self.fields.items()):
            if indexed is item:
                del self.fields[key]

    def texts(self, passages: list[int]) -> str:
        return " ".join(self.document.text(p) for p in passages)

    def used(self) -> set[int]:
        return {p for item in self.items for p in item.passages}

    # -- the whole --

    def build(self) -> None:
        self.names()
        self.controller()
        self.contact("contact", "contact")
        self.contact("dpo", "dpo")
        self.intro()
        for block in self.document.blocks:
            if block.kind == "heading":
                continue
            reader = getattr(self, f"read_{block.section}", None)
            if reader is not None:
                reader(block)
        self.sentences_elsewhere()
        self.purpose_bases()
        self.statements()

    def names(self) -> None:
        names = self.document.registers
        if names:
            for index, name in enumerate(names):
                passages = [
                    p
                    for block in self.document.section("register_list")
                    for p in block.passages
                    if self.document.text(p) == name
                ]
                self.register_field(index, "name", _clean_item(name), passages)
            return
        blocks = [b for b in self.document.section("register_name") if b.kind != "heading"]
        if blocks:
            first = blocks[0]
            self.register_field(0, "name", _clean_item(first.text), first.passages)
            return
        # No name given: the registers the text mentions ("asiakasrekisteriin ja
        # markkinointirekisteriin") joined, or a placeholder the officer renames.
        mentioned: list[str] = []
        for block in self.document.blocks:
            for word in re.findall(
                r"\b([a-zåäö-]+)rekisteri(?:in|ssä|stä|n|ä)?\b", block.text.lower()
            ):
                if word and word not in mentioned and word not in ("henkilö", "kauppa"):
                    mentioned.append(word)
        if len(mentioned) == 2:
            name = f"{mentioned[0].capitalize()}- ja {mentioned[1]}rekisteri"
        elif len(mentioned) == 1:
            name = f"{mentioned[0].capitalize()}rekisteri"
        else:
            name = _("Tuotu rekisteri")
        self.add(
            "register_field",
            {"field": "name", "value": name},
            [],
            0,
            notes=[_("Lähteessä ei ole rekisterin nimeä; tarkista ehdotettu nimi.")],
        )

    # -- controller and contacts --

    def controller(self) -> None:
        blocks = [b for b in self.document.section("controller") if b.kind != "heading"]
        self.contact_details(blocks, prefix="", with_name=True)

    def contact(self, section: str, prefix: str) -> None:
        blocks = [b for b in self.document.section(section) if b.kind != "heading"]
        self.contact_details(blocks, prefix=f"{prefix}_", with_name=False)

    def contact_details(self, blocks: list[_Block], *, prefix: str, with_name: bool) -> None:
        found: dict[str, tuple[str, list[int]]] = {}

        def take(name: str, value: str, passages: list[int]) -> None:
            if name not in found and value:
                found[name] = (value.strip(), passages)

        for block in blocks:
            parts = [
                (passage, part.strip())
                for passage in block.passages
                for part in (
                    re.split(r",\s+(?=\S)", self.document.text(passage))
                    if re.search(r"@|\d{3}", self.document.text(passage))
                    and not _POSTAL.match(self.document.text(passage).strip())
                    else [self.document.text(passage)]
                )
            ]
            for passage, text in parts:
                text = text.strip()
                label, _sep, value = text.partition(":")
                labelled = None
                if _sep and len(label.split()) <= 3:
                    for name, pattern in vocab.CONTROLLER_LABELS:
                        if pattern.search(label.strip().lower()):
                            labelled = name
                            break
                body = value.strip() if labelled else text
                if labelled == "business_id" or _BUSINESS_ID.search(body):
                    match = _BUSINESS_ID.search(body)
                    if match and prefix == "":
                        digits, check = match.groups()
                        if business_id_check_digit(digits) == int(check):
                            take("business_id", match.group(0), [passage])
                        else:
                            take("business_id_invalid", match.group(0), [passage])
                        continue
                email = _EMAIL.search(body)
                if email and labelled in (None, "email"):
                    take(f"{prefix}email", email.group(0), [passage])
                    if labelled == "email" or body.strip() == email.group(0):
                        continue
                website = _WEBSITE.search(body)
                if website and labelled in (None, "website") and "@" not in body:
                    url = website.group(0).rstrip(".")
                    if not url.lower().startswith("http"):
                        url = "https://" + url
                    if prefix == "":
                        take("website", url, [passage])
                    continue
                phone = _PHONE.search(body)
                if phone and labelled in (None, "phone") and not _POSTAL.match(body):
                    take(f"{prefix}phone", phone.group(0).strip(), [passage])
                    if (
                        labelled == "phone"
                        or re.sub(r"^(puh\w*|tel\w*)\.?:?\s*", "", body.lower())
                        == phone.group(0).lower()
                    ):
                        continue
                    continue
                postal = _POSTAL.match(body)
                if postal and prefix == "":
                    street = postal.group("street").strip(" ,")
                    if ", " in street:
                        # "Yritys Oy, Katu 1, 00100 Kaupunki" in one table cell.
                        name, street = street.rsplit(", ", 1)
                        if with_name:
                            take("name", name.strip(), [passage])
                    take("street_address", street, [passage])
                    take("postal_code", postal.group("code"), [passage])
                    take("city", postal.group("city").strip(), [passage])
                    continue
                if labelled == "street_address" and prefix == "":
                    take("street_address", body, [passage])
                    continue
                if labelled == "name" or labelled is None:
                    name = re.sub(r"\s*\((jäljempänä|myöhemmin)[^)]*\)", "", body).strip()
                    if with_name and "name" not in found:
                        take("name", name, [passage])
                        short = re.search(r"\((?:jäljempänä|myöhemmin)\s+[”\"“]?([^”\"“)]+)", body)
                        if short:
                            take("short_name", short.group(1).strip(), [passage])
                    elif not with_name and _PERSON.match(name) and f"{prefix}name" not in found:
                        take(f"{prefix}name", name, [passage])
        for name, (value, passages) in found.items():
            if name == "business_id_invalid":
                continue
            if name == "short_name":
                # Controller.short_name is not among the importer's fields; it is the
                # name the notice uses of the controller, kept with the name's passage.
                self.add("controller", {"field": "short_name", "value": value}, passages)
                continue
            self.add("controller", {"field": name, "value": value}, passages)
        if "business_id_invalid" in found:
            value, passages = found["business_id_invalid"]
            self.add(
                "controller",
                {"field": "business_id", "value": value},
                passages,
                notes=[_("Y-tunnuksen tarkistenumero ei täsmää; tarkista tunnus.")],
            )

    # -- the introduction and dates --

    def intro(self) -> None:
        for block in self.document.blocks:
            if block.section != "intro" or block.kind == "heading":
                continue
            for passage in block.passages:
                if self.dated(passage):
                    continue
                self.gather("notice_field", None, "intro", self.document.text(passage), [passage])

    def dated(self, passage: int) -> bool:
        """A sentence dating the notice: "Laadittu 30.9.2018", "Viimeisin muutos …"."""
        text = self.document.text(passage)
        lowered = text.lower()
        match = vocab.DATE.search(text)
        if not match or len(text.split()) > 12:
            return False
        day = _date(match)
        if day is None:
            return False
        if vocab.DRAFTED.search(lowered):
            self.add("notice_field", {"field": "drafted_on", "value": day.isoformat()}, [passage])
            return True
        if vocab.CHANGED.search(lowered):
            words = "Selostetta päivitetty." if "päivit" in lowered else "Selostetta muutettu."
            self.add("earlier_change", {"date": day.isoformat(), "text": _(words)}, [passage])
            return True
        return False

    # -- purposes --

    def read_purpose(self, block: _Block) -> None:
        if block.is_label:
            if re.search(r"oikeusperuste|peruste", block.text.lower()):
                self.bases_label(block)
                return
            return self.attach_to_next(block.passages[0], block)
        if block.label and (
            vocab.BASES_HEADING.search(_normal(block.label))
            or re.search(r"oikeusperuste", block.label.lower())
        ):
            for register in self.registers_of(block):
                self.register_bases.setdefault(register, []).extend(_bases_in(block.text))
                self.register_basis_passages.setdefault(register, []).extend(block.passages)
            return
        if block.kind == "bullet":
            bases = _bases_in(block.text)
            if (
                bases
                and len(block.text.split()) <= 12
                and (
                    re.search(
                        r"6 ?art|^(rekisteröidyn )?suostumus|^sopimus|^oikeutettu|^lakisääteinen",
                        block.text.lower(),
                    )
                )
            ):
                # A list of the register's legal bases, not of purposes.
                for register in self.registers_of(block):
                    self.register_bases.setdefault(register, []).extend(bases)
                    self.register_basis_passages.setdefault(register, []).extend(block.passages)
                return
            if block.label and vocab.COOKIE_SENTENCE.search(block.label.lower()):
                return self.read_cookies(block)
            for register in self.registers_of(block):
                self.add("purpose", self.purpose_values(block.text), block.passages, register)
            return
        if vocab.COOKIE_SENTENCE.search(self.document.text(block.passages[0]).lower()):
            # A paragraph about cookies, all of it.
            for passage in block.passages:
                self.cookie_sentence(block, passage, force=True)
            return
        for passage in block.passages:
            self.purpose_sentence(block, passage)

    def bases_label(self, block: _Block) -> None:
        """ "… oikeusperuste henkilötietojen käsittelylle on" before a list of bases."""
        for register in self.registers_of(block):
            self.register_basis_passages.setdefault(register, []).extend(block.passages)

    def purpose_values(self, text: str) -> dict[str, Any]:
        return {
            "description": _clean_item(text),
            "legal_basis": "",
            "legitimate_interest": "",
            "law_reference": "",
        }

    def purpose_sentence(self, block: _Block, passage: int) -> None:
        text = self.document.text(passage)
        lowered = text.lower()
        if self.dated(passage):
            return
        if vocab.COOKIE_SENTENCE.search(lowered) or vocab.COOKIE_LIST_INTRO.search(lowered):
            return self.cookie_sentence(block, passage)
        if re.search(r"suostum\w* .*(peru|peruutta)", lowered):
            for register in self.registers_of(block):
                self.register_field(register, "consent_withdrawal", text, [passage])
            return
        if vocab.BASIS_STATEMENT.search(lowered) or re.search(r"oikeusperuste", lowered):
            bases = _bases_in(text)
            if bases or "oikeusperuste" in lowered:
                for register in self.registers_of(block):
                    self.register_bases.setdefault(register, []).extend(bases)
                    self.register_basis_passages.setdefault(register, []).append(passage)
                return
        subjects = vocab.SUBJECTS_SENTENCE.search(text)
        if subjects:
            return self.subjects_from(block, passage, subjects.group("list"))
        stated = re.search(
            r"(?:tarkoitu\w* (?:on|ovat)|tietoja käsitellään|tietoja käytetään|"
            r"käsittelemme henkilötietoja|henkilötietoja käsitellään)\s+(?P<list>.+?)\.?$",
            text,
            re.IGNORECASE,
        )
        if stated:
            listed = stated.group("list")
            parts = (
                _split_list(listed) if re.search(r"\w+(iin|aan|ään|seen),", listed) else [listed]
            )
            for register in self.registers_of(block):
                for part in parts:
                    values = self.purpose_values(_nominative(part) if len(parts) > 1 else part)
                    self.add("purpose", values, [passage], register)
            return
        # Other sentences of the purposes section: what the register is (the first
        # description) or more about its purposes.
        for register in self.registers_of(block):
            has_purposes = any(i.kind == "purpose" and i.register == register for i in self.items)
            if not has_purposes and not _bases_in(text):
                self.register_field(register, "description", text, [passage])
            elif re.search(r"tarkoitu|käyt(tää|etään)|käsit", lowered):
                self.register_field(register, "purposes_note", text, [passage])
                bases = _bases_in(text) if "edellyttäen" in lowered or "perustuu" in lowered else []
                if bases:
                    self.register_bases.setdefault(register, []).extend(bases)
            else:
                self.register_field(register, "description", text, [passage])

    def law_named(self, register: int) -> str:
        """The law the register's basis passages name: "yhdistyslaki (503/1989)"."""
        for passage in self.register_basis_passages.get(register, []):
            match = vocab.LAW_REFERENCE.search(self.document.text(passage))
            if match:
                law = re.sub(r"(kiin|issa|ista|kia)$", "ki", match.group("law").lower())
                law = re.sub(r"lain$", "laki", law)
                section = (match.group("section") or "").strip()
                return f"{law} ({match.group('number')}){', ' + section if section else ''}"
        return ""

    def purpose_bases(self) -> None:
        """Give each purpose the basis its register names, if the register names one."""
        for register in range(self.count):
            named = list(dict.fromkeys(self.register_bases.get(register, [])))
            if not named:
                named = list(dict.fromkeys(self.register_bases.get(None, [])))
            purposes = [i for i in self.items if i.kind == "purpose" and i.register == register]
            for purpose in purposes:
                own = (
                    _bases_in(purpose.values["description"])
                    if re.search(
                        r"\((suostumus|sopimus|oikeutettu etu|lakisääteinen)",
                        purpose.values["description"].lower(),
                    )
                    else []
                )
                if len(own) == 1:
                    purpose.values["legal_basis"] = own[0]
                elif len(named) == 1:
                    purpose.values["legal_basis"] = named[0]
                    if named[0] == "legal_obligation":
                        purpose.values["law_reference"] = self.law_named(register)
                    purpose.passages.extend(
                        p
                        for p in self.register_basis_passages.get(register, [])
                        if p not in purpose.passages
                    )
                elif named:
                    from registers.models import LegalBasis

                    purpose.notes.append(
                        _(
                            "Lähde nimeää rekisterille useita oikeusperusteita (%(bases)s) "
                            "mutta ei kerro, mikä koskee tätä tarkoitusta. Valitse peruste."
                        )
                        % {"bases": ", ".join(str(LegalBasis(b).label) for b in named)}
                    )
                else:
                    purpose.notes.append(
                        _(
                            "Lähteessä ei mainita tämän tarkoituksen oikeusperustetta. "
                            "Valitse peruste."
                        )
                    )
            # Bases named but no purpose stated as such: the purpose section's own
            # sentences ("Ajanvarausten hallinta ja asiakassuhteen hoito.") are the purposes.
            if named and not purposes:
                for item in list(self.items):
                    if (
                        item.kind == "register_field"
                        and item.register == register
                        and item.values["field"] == "description"
                        and all(self.passage_sections.get(p) == "purpose" for p in item.passages)
                    ):
                        self.remove(item)
                        for p in item.passages:
                            values = self.purpose_values(self.document.text(p))
                            values["legal_basis"] = named[0] if len(named) == 1 else ""
                            new = self.add("purpose", values, [p], register)
                            new.passages.extend(self.register_basis_passages.get(register, []))
                        purposes = [
                            i for i in self.items if i.kind == "purpose" and i.register == register
                        ]
            if named and not purposes:
                for basis in named:
                    self.add(
                        "purpose",
                        {**self.purpose_values(""), "legal_basis": basis},
                        self.register_basis_passages.get(register, []),
                        register,
                        notes=[
                            _("Lähde nimeää perusteen mutta ei tarkoitusta. Kirjoita tarkoitus.")
                        ],
                    )
            # The passages that named the bases are used even if several were named.
            if named and purposes and len(named) > 1:
                purposes[0].passages.extend(
                    p
                    for p in self.register_basis_passages.get(register, [])
                    if p not in purposes[0].passages
                )

    # -- data and data subjects --

    def read_data(self, block: _Block) -> None:
        if block.is_label:
            return self.attach_to_next(block.passages[0], block, all_passages=block.passages)
        if block.kind == "bullet":
            for register in self.registers_of(block):
                self.data_category(block.text, block.passages, register)
            return
        for passage in block.passages:
            text = self.document.text(passage)
            lowered = text.lower()
            if self.elsewhere(block, passage):
                continue
            subjects = vocab.SUBJECTS_SENTENCE.search(text)
            if subjects:
                self.subjects_from(block, passage, subjects.group("list"))
                continue
            bare = _split_list(text.rstrip("."))
            if (
                len(bare) >= 2
                and all(len(part.split()) <= 5 for part in bare)
                and not re.search(r"\b(tallenn|kerä|käsitel|sisält|ovat\b|on\b)", lowered)
            ):
                # A bare list, as in a table cell: "Nimi, puhelinnumero, sähköposti".
                for register in self.registers_of(block):
                    for part in bare:
                        self.data_category(part, [passage], register)
                continue
            if re.search(r"^(tallennamme|keräämme|käsittelemme)\b", lowered):
                self.subjects_stored(block, passage)
            collected = vocab.COLLECTED_WITH_EXAMPLES.search(text)
            if collected:
                for register in self.registers_of(block):
                    self.data_category(
                        f"{collected.group('what')}: {collected.group('list')}", [passage], register
                    )
            listed = re.search(
                r"(?:tallennetaan (?:ainoastaan |vain )?(?:\w+\s){0,3}?|tietoja ovat|"
                r"tiedot ovat|käsittelemme seuraavia tietoja:?|sisältää seuraavia tietoja:?)"
                r"(?P<list>[^.]+,[^.]+)\.?$",
                text,
                re.IGNORECASE,
            )
            if listed and not text.rstrip().endswith(":"):
                parts = _split_list(listed.group("list"))
                # "markkinointiluvan antaneiden nimi, …": whose data, not a category.
                first = parts[0].split()
                if len(first) > 1 and all(w.endswith("n") for w in first[:-1]):
                    parts[0] = first[-1]
                for register in self.registers_of(block):
                    for part in parts:
                        self.data_category(part, [passage], register)
                    if re.search(r"rekisteri", lowered):
                        self.register_field(register, "description", text, [passage])
                continue
            if re.search(r"rekisteri\w*\b", lowered) and re.search(r"tallenn|kerä", lowered):
                for register in self.registers_of(block):
                    self.register_field(register, "description", text, [passage])

    def same_in_register(self, kind: str, register: int, name: str) -> Item | None:
        """An item of the register with the same name, or whose head word the name is."""
        normal = name.casefold()
        index = self.named.setdefault((kind, register), {})
        found = index.get(normal) or index.get(f"head:{normal}")
        if found is None and normal.split()[-1:]:
            found = index.get(normal.split()[-1])
        return found

    def index_name(self, item: Item) -> None:
        """Remember a named item for ``same_in_register``: its name and its head word."""
        assert item.register is not None
        name = str(item.values["name"]).casefold()
        index = self.named.setdefault((item.kind, item.register), {})
        index.setdefault(name, item)
        if name.split():
            index.setdefault(f"head:{name.split()[-1]}", item)

    def data_category(self, text: str, passages: list[int], register: int) -> None:
        name = _clean_item(text)
        if not name:
            return
        same = self.same_in_register("data_category", register, name)
        if same is not None:
            same.passages.extend(p for p in passages if p not in same.passages)
            return
        lowered = name.lower()
        kind = DataCategoryKind.ORDINARY
        for candidate, pattern in vocab.DATA_KINDS:
            if pattern.search(lowered):
                kind = candidate
                break
        notes = []
        if kind == DataCategoryKind.SPECIAL:
            notes.append(
                _(
                    "Tämä näyttää erityiseen henkilötietoryhmään kuuluvalta tiedolta (9 art.). "
                    "Valitse käsittelyn peruste 9 artiklan 2 kohdasta."
                )
            )
        item = self.add(
            "data_category",
            {
                "name": name,
                "description": "",
                "kind": kind,
                "special_condition": "",
                "law_reference": "",
            },
            passages,
            register,
            notes,
        )
        self.index_name(item)

    def subjects_from(self, block: _Block, passage: int, listed: str) -> None:
        text = self.document.text(passage)
        if ", kuten " in listed:
            # "organisaatioiden, kuten yritysten, kuntien ja yliopistojen, yhteyshenkilöistä":
            # one group, its examples in the description.
            head, _sep, rest = listed.partition(", kuten ")
            parts = [f"{head} {rest.rsplit(',', 1)[-1].strip()}"]
        else:
            parts = [
                piece
                for part in _split_list(listed)
                for piece in re.split(r"\s+(?:ja|sekä)\s+", part)
            ]
        parts = [_plural_nominative(part) for part in parts]
        for register in self.registers_of(block):
            for part in parts:
                name = _clean_item(part)
                description = text if len(parts) == 1 and len(text) > len(part) + 30 else ""
                # The same group in another case ("yhteyshenkilöistä", "…öitä").
                same = self.named.get(("subject", register), {}).get(_normal(name)[:12])
                if same is not None:
                    same.passages.append(passage)
                    if description and not same.values["description"]:
                        same.values["description"] = description
                    continue
                self.subject(name, description, [passage], register)

    def subject(self, name: str, description: str, passages: list[int], register: int) -> None:
        item = self.add(
            "data_subject_category", {"name": name, "description": description}, passages, register
        )
        self.named.setdefault(("subject", register), {}).setdefault(_normal(name)[:12], item)

    def subjects_stored(self, block: _Block, passage: int) -> None:
        """ "Tallennamme asiakassuhteessa olevien henkilöiden tietoja …": whose data."""
        text = self.document.text(passage)
        groups = []
        for part in re.split(r"\s+ja\s+", text):
            words = part.split()
            if "tietoja" not in words and "henkilötietoja" not in words:
                continue
            index = words.index("tietoja" if "tietoja" in words else "henkilötietoja")
            who: list[str] = []
            for word in reversed(words[:index]):
                if (
                    len(who) < 3
                    and re.search(r"(iden|vien|jen|ien|den|ten|ssa|ssä|n)$", word)
                    and word[0].islower()
                ):
                    who.insert(0, word)
                else:
                    break
            if who and re.search(r"(iden|vien|jen|ien|den|ten)$", who[-1]):
                groups.append(" ".join(who))
        if groups:
            self.subjects_from(block, passage, ", ".join(groups))

    def read_subjects(self, block: _Block) -> None:
        for register in self.registers_of(block):
            if block.kind == "bullet":
                self.subject(_clean_item(block.text), "", block.passages, register)
        if block.kind != "bullet":
            for passage in block.passages:
                match = vocab.SUBJECTS_SENTENCE.search(self.document.text(passage))
                if match:
                    self.subjects_from(block, passage, match.group("list"))

    # -- sources --

    def read_sources(self, block: _Block) -> None:
        if block.is_label:
            return self.attach_to_next(block.passages[0], block, all_passages=block.passages)
        if block.kind == "bullet":
            for register in self.registers_of(block):
                self.source(block.text, block.passages, register)
            return
        for passage in block.passages:
            if self.elsewhere(block, passage):
                continue
            text = self.document.text(passage)
            if text.rstrip().endswith(":") and block is not None:
                # "Henkilötietoja kerätään seuraavista lähteistä:" introduces the list.
                self.attach_to_next(passage, block)
                continue
            if re.search(r"ulkoisia palveluja|palveluntarjoaj", text.lower()) and not re.search(
                r"kerä|saa(daan|mme)", text.lower()
            ):
                for register in self.registers_of(block):
                    self.add(
                        "recipient",
                        {
                            "name": _clean_item(text),
                            "role": RecipientRole.PROCESSOR,
                            "description": "",
                            "country": "",
                        },
                        [passage],
                        register,
                    )
                continue
            for register in self.registers_of(block):
                self.source(text, [passage], register)

    def source(self, text: str, passages: list[int], register: int) -> None:
        lowered = text.lower()
        public = bool(vocab.SOURCE_PUBLIC.search(lowered))
        origin = SourceOrigin.NOT_STATED
        if public:
            origin = SourceOrigin.OTHER
        elif vocab.SOURCE_DATA_SUBJECT.search(lowered):
            origin = SourceOrigin.DATA_SUBJECT
        self.add(
            "source",
            {"name": _clean_item(text), "description": "", "origin": origin, "is_public": public},
            passages,
            register,
        )

    def attach_to_next(
        self, passage: int, block: _Block, all_passages: list[int] | None = None
    ) -> None:
        """A line introducing the list that follows belongs to the list's first item."""
        for following in self.document.blocks[block.index + 1 :]:
            if following.kind == "bullet":
                following.passages[:0] = [
                    p for p in (all_passages or [passage]) if p not in following.passages
                ]
                return
            if following.kind == "heading":
                return

    # -- recipients and transfers --

    def read_recipients(self, block: _Block) -> None:
        if block.kind == "bullet":
            label, sep, rest = block.text.partition(":")
            role = self.role_of(label if sep else block.text)
            if sep and rest.strip() and len(label.split()) <= 4:
                names = _split_list(rest)
                for register in self.registers_of(block):
                    for name in names:
                        self.add(
                            "recipient",
                            {
                                "name": _clean_item(name),
                                "role": role,
                                "description": _clean_item(label),
                                "country": "",
                            },
                            block.passages,
                            register,
                        )
                return
            for register in self.registers_of(block):
                self.add(
                    "recipient",
                    {
                        "name": _clean_item(block.text),
                        "role": role,
                        "description": "",
                        "country": "",
                    },
                    block.passages,
                    register,
                )
            return
        if block.is_label and not vocab.TRANSFER_MENTION.search(block.text.lower()):
            return self.attach_to_next(block.passages[0], block, all_passages=block.passages)
        if len(block.passages) == 1 and self.country(block.text) and len(block.text.split()) <= 10:
            return self.read_transfers(block)
        for passage in block.passages:
            if self.elsewhere(block, passage):
                continue
            text = self.document.text(passage)
            lowered = text.lower()
            if (
                vocab.TRANSFER_MENTION.search(lowered)
                or any(pattern.search(lowered) for _s, pattern in vocab.SAFEGUARDS)
                or (self.last_safeguard is not None and passage == self.last_safeguard + 1)
            ):
                self.transfer_sentence(block, passage)
                continue
            if text.rstrip().endswith(":"):
                self.attach_to_next(passage, block)
                continue
            named_organisation = (
                len(text.split()) <= 12
                and not re.search(r"\b(luovute|luovutta|ei)\b", lowered)
                and (
                    vocab.ORGANISATION.search(text)
                    or re.search(
                        r"\((henkilötietojen )?(käsittelijä|palveluntarjoaja)\w*\)", lowered
                    )
                )
            )
            if named_organisation:
                name = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip(" .")
                for register in self.registers_of(block):
                    self.add(
                        "recipient",
                        {
                            "name": _clean_item(name),
                            "role": self.role_of(text),
                            "description": "",
                            "country": "",
                        },
                        [passage],
                        register,
                    )
                continue
            disclosed = self.disclosures(text)
            for register in self.registers_of(block):
                if vocab.NO_RECIPIENTS.search(lowered) and not disclosed:
                    self.register_field(
                        register, "recipients_statement", RecipientsStatement.NONE, [passage]
                    )
                elif disclosed:
                    for name in disclosed:
                        self.add(
                            "recipient",
                            {
                                "name": _clean_item(name),
                                "role": self.role_of(name),
                                "description": "",
                                "country": "",
                            },
                            [passage],
                            register,
                            notes=[_("Nimi on poimittu lauseesta; lyhennä se tarvittaessa.")],
                        )
                else:
                    self.register_field(register, "recipients_note", text, [passage])

    def disclosures(self, text: str) -> list[str]:
        """The recipients a sentence names: "… paitsi X:lle", "Tietoja voidaan luovuttaa X"."""
        lowered = text.lower()
        found: list[str] = []
        exception = re.search(r"\bpaitsi\s+(?P<who>.+?)(?:,\s*(?:mikäli|jos|kun)\b|\.?$)", text)
        if exception:
            found.append(exception.group("who"))
        given = re.search(
            r"\b(?:voidaan|voi|voimme)\s+(?:myös\s+)?(?:luovuttaa|luovuttaa tietoja|antaa)"
            r"\s+(?P<who>.+?)\.?$",
            text,
        )
        if given and "ei " not in lowered.split("luovut")[0][-20:]:
            found.extend(re.split(r",?\s+sekä\s+", given.group("who")))
        return [part.strip(" ,.") for part in found if len(part.split()) >= 2]

    def role_of(self, text: str) -> str:
        lowered = text.lower()
        for role, pattern in vocab.RECIPIENT_ROLES:
            if pattern.search(lowered):
                return role
        return RecipientRole.OTHER

    def read_transfers(self, block: _Block) -> None:
        for passage in block.passages:
            text = self.document.text(passage)
            if block.kind != "bullet" and self.elsewhere(block, passage):
                continue
            country = self.country(text)
            if country and (block.kind == "bullet" or len(text.split()) <= 10):
                name = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip() or text
                for register in self.registers_of(block):
                    self.add(
                        "recipient",
                        {
                            "name": _clean_item(name),
                            "role": RecipientRole.PROCESSOR,
                            "description": "",
                            "country": country,
                        },
                        [passage],
                        register,
                    )
                    self.add(
                        "transfer",
                        {
                            "recipient": _clean_item(name),
                            "country": country,
                            "safeguard": "",
                            "safeguard_details": "",
                        },
                        [passage],
                        register,
                    )
                continue
            self.transfer_sentence(block, passage)

    def transfer_sentence(self, block: _Block, passage: int) -> None:
        text = self.document.text(passage)
        lowered = text.lower()
        for register in self.registers_of(block):
            if vocab.NO_TRANSFERS.search(lowered):
                self.register_field(
                    register, "transfers_statement", TransfersStatement.NONE, [passage]
                )
                continue
            safeguard = next((s for s, pattern in vocab.SAFEGUARDS if pattern.search(lowered)), "")
            stated = self.safeguards.get(register)
            if safeguard or (
                # "Voit tarkistaa sertifioinnit osoitteessa …" continues the safeguard.
                stated is not None and passage == stated.passages[-1] + 1
            ):
                if stated is None:
                    self.safeguards[register] = _Safeguard(safeguard, text, [passage])
                else:
                    stated.text = f"{stated.text} {text}"
                    stated.passages.append(passage)
                self.last_safeguard = passage
                continue
            self.register_field(register, "transfers_note", text, [passage])

    def country(self, text: str) -> str:
        match = vocab.COUNTRIES.search(text.lower())
        if not match:
            return ""
        word = match.group(0)
        for prefix, name in vocab.COUNTRY_NAMES.items():
            if word.startswith(prefix):
                return name
        return ""

    # -- security, retention --

    def read_security(self, block: _Block) -> None:
        groups: list[tuple[str, list[int]]] = []
        for passage in block.passages:
            if self.elsewhere(block, passage):
                continue
            lowered = self.document.text(passage).lower()
            material = next(
                (m for m, pattern in vocab.SECURITY_MATERIALS if pattern.search(lowered)),
                SecurityMaterial.GENERAL,
            )
            if groups and groups[-1][0] == material:
                groups[-1][1].append(passage)
            else:
                groups.append((material, [passage]))
        for material, passages in groups:
            for register in self.registers_of(block):
                self.add(
                    "security_measure",
                    {
                        # Titles are unique in the library: the text's first words,
                        # not a generic "Yleiset periaatteet" that would merge
                        # different texts.
                        "title": _measure_title(material, self.texts(passages)),
                        "material": material,
                        "text": self.texts(passages),
                        "existing": None,
                    },
                    passages,
                    register,
                )

    def read_retention(self, block: _Block) -> None:
        rules: list[list[int]] = []
        for passage in block.passages:
            if self.dated(passage):
                continue
            text = self.document.text(passage).lower()
            previous = self.texts(rules[-1]).lower() if rules else ""
            continues = rules and (
                # The previous sentences were context ("Tiedot liittyvät … liiketoimintaan.").
                not vocab.RETENTION_SENTENCE.search(previous)
                or (not _period(previous) and (_starts_from(text) or _period(text) is None))
            )
            if continues:
                rules[-1].append(passage)
            else:
                rules.append([passage])
        for passages in rules:
            self.retention_rule(passages, self.registers_of(block))

    def retention_rule(self, passages: list[int], registers: list[int]) -> None:
        text = self.texts(passages)
        period = _period(text)
        values: dict[str, Any] = {
            "period": None,
            "period_unit": "",
            "starts_from": "",
            "criteria": text,
        }
        if period:
            values["period"], values["period_unit"] = period
            values["starts_from"] = _starts_from(text)
        for register in registers:
            self.add("retention_rule", dict(values), passages, register)

    # -- rights, provision, automated decisions, cookies, changes --

    def read_rights(self, block: _Block) -> None:
        last_right = None
        for passage in block.passages:
            text = self.document.text(passage)
            lowered = text.lower()
            own_right = next((r for r, pattern in vocab.RIGHTS if pattern.search(lowered)), None)
            if vocab.BASIS_STATEMENT.search(lowered) and _bases_in(text):
                # "Henkilötietojen käsittely perustuu rekisteröidyn antamaan suostumukseen."
                for register in self.registers_of(block):
                    self.register_bases.setdefault(register, []).extend(_bases_in(text))
                    self.register_basis_passages.setdefault(register, []).append(passage)
                continue
            if re.search(r"(peru\w*|peruutt\w*) .*suostumu|suostumu\w* .*(peru|peruutta)", lowered):
                for register in self.registers_of(block):
                    self.register_field(register, "consent_withdrawal", text, [passage])
                continue
            if self.elsewhere(block, passage):
                continue
            if (
                own_right is None
                and last_right is not None
                and re.search(r"\b(näitä|tätä|näihin|niitä)\b", lowered)
            ):
                own_right = last_right
            last_right = own_right or last_right
            if (
                own_right is not None
                and not vocab.RIGHT_STATEMENT.search(lowered)
                and not vocab.RIGHTS_INSTRUCTIONS.search(lowered)
            ):
                sentence = len(text.split()) >= 5 and text.rstrip().endswith((".", "!"))
                if sentence:
                    self.add("right_procedure", {"right": own_right, "text": text}, [passage])
                    continue
            if vocab.RIGHTS_INSTRUCTIONS.search(lowered):
                self.add("controller", {"field": "rights_instructions", "value": text}, [passage])
                continue
            if block.kind == "bullet" or vocab.RIGHT_STATEMENT.search(lowered):
                self.document.passages[passage].hint = str(_(vocab.RIGHTS_HINT))
                continue
            right = next((r for r, pattern in vocab.RIGHTS if pattern.search(lowered)), None)
            if right is None:
                right = next(
                    (
                        r
                        for r, pattern in vocab.RIGHTS
                        if pattern.search(_normal(self.document.passages[passage].heading))
                    ),
                    None,
                )
            sentence = len(text.split()) >= 5 and text.rstrip().endswith((".", "!"))
            if (
                right is not None
                and sentence
                and not re.search(r"valvontaviranomai|valitu", lowered)
            ):
                self.add("right_procedure", {"right": right, "text": text}, [passage])
            else:
                self.document.passages[passage].hint = str(_(vocab.RIGHTS_HINT))

    def read_provision(self, block: _Block) -> None:
        for passage in block.passages:
            if not self.provision(block, passage):
                for register in self.registers_of(block):
                    self.register_field(
                        register, "provision_consequences", self.document.text(passage), [passage]
                    )

    def provision(self, block: _Block, passage: int) -> bool:
        lowered = self.document.text(passage).lower()
        for requirement, pattern in vocab.PROVISION:
            if pattern.search(lowered):
                for register in self.registers_of(block):
                    self.register_field(register, "provision_requirement", requirement, [passage])
                    self.register_field(
                        register, "provision_consequences", self.document.text(passage), [passage]
                    )
                self.last_provision = passage
                return True
        return False

    def read_automated(self, block: _Block) -> None:
        for passage in block.passages:
            lowered = self.document.text(passage).lower()
            for register in self.registers_of(block):
                if vocab.AUTOMATED_NONE.search(lowered):
                    self.register_field(register, "automated_decisions", False, [passage])
                    continue
                if vocab.AUTOMATED_DECISIONS.search(lowered):
                    self.register_field(register, "automated_decisions", True, [passage])
                if vocab.PROFILING.search(lowered):
                    self.register_field(register, "profiling", True, [passage])
                self.register_field(
                    register,
                    "automated_decisions_description",
                    self.document.text(passage),
                    [passage],
                )

    def read_cookies(self, block: _Block) -> None:
        if block.is_label and block.section == "cookies" and len(block.passages) == 1:
            # A cookie group's title ("Analytiikkaan"): used by the cookies below it.
            return
        if block.kind == "bullet":
            name = _clean_item(block.text)
            purpose = (
                _clean_item(block.label)
                if block.label and not vocab.COOKIE_LIST_INTRO.search(block.label.lower())
                else _("Evästeet")
            )
            label_passages = block.label_block.passages if block.label_block else []
            for register in self.registers_of(block):
                self.register_field(register, "covers_website", True, [])
                self.add(
                    "cookie",
                    {
                        "name": name,
                        "purpose": purpose[:300],
                        "provider": "",
                        "duration": "",
                        "description": "",
                        "opt_out": "",
                        "opt_out_url": "",
                    },
                    block.passages + label_passages,
                    register,
                )
            return
        for passage in block.passages:
            self.cookie_sentence(block, passage)

    def cookie_sentence(self, block: _Block, passage: int, force: bool = False) -> None:
        text = self.document.text(passage)
        if not force and block.label and not vocab.COOKIE_SENTENCE.search(text.lower()):
            return
        collected = vocab.COLLECTED_WITH_EXAMPLES.search(text)
        for register in self.registers_of(block):
            self.register_field(register, "covers_website", True, [passage])
            if not vocab.COOKIE_LIST_INTRO.search(text.lower()):
                self.register_field(register, "cookies_note", text, [passage])
            if collected:
                self.data_category(
                    f"{collected.group('what')}: {collected.group('list').strip()}",
                    [passage],
                    register,
                )
                if re.search(r"evästei\w* avulla", text.lower()):
                    self.source(_("Evästeet verkkosivustolla"), [passage], register)

    def read_changes(self, block: _Block) -> None:
        for passage in block.passages:
            text = self.document.text(passage)
            match = vocab.DATE.search(text)
            if match and _date(match):
                rest = vocab.DATE.sub("", text).strip(" :–-.")
                self.add(
                    "earlier_change",
                    {
                        "date": _date(match).isoformat(),
                        "text": (rest or _("Selostetta muutettu.")).rstrip(".") + ".",
                    },
                    [passage],
                )
                continue
            self.gather("notice_field", None, "change_policy", text, [passage])

    # -- sentences whose words belong elsewhere --

    def elsewhere(self, block: _Block, passage: int) -> bool:
        """Place a sentence by its own words when they name another section's subject."""
        text = self.document.text(passage)
        lowered = text.lower()
        if (
            block.section != "retention"
            and vocab.RETENTION_SENTENCE.search(lowered)
            and (_period(lowered) or re.search(r"niin kauan|ajan|kunnes|toistaiseksi", lowered))
            and block.kind != "bullet"
        ):
            self.pending_retention.append((block, passage))
            return True
        if block.section not in ("provision",) and any(
            p.search(lowered) for _r, p in vocab.PROVISION
        ):
            return self.provision(block, passage)
        if (
            block.section not in ("transfers", "recipients")
            and vocab.NO_TRANSFERS.search(lowered)
            and vocab.TRANSFER_MENTION.search(lowered)
        ):
            self.transfer_sentence(block, passage)
            return True
        if (
            block.section not in ("purpose", "sources", "recipients")
            and re.search(r"\b(käsittelee|käsittelemme|käytämme)\b.*tietoja", lowered)
            and re.search(r"\w+(miseksi|varten)\b", lowered)
        ):
            for register in self.registers_of(block):
                self.add("purpose", self.purpose_values(text), [passage], register)
            return True
        if (
            self.last_provision is not None
            and passage == self.last_provision + 1
            and re.search(r"(emme voi|ei voida|ei ole mahdollista|ei voi)", lowered)
        ):
            for register in self.registers_of(block):
                self.register_field(register, "provision_consequences", text, [passage])
            return True
        if block.section != "rights" and re.search(r"suostumu\w* .*(peru|peruutta)", lowered):
            for register in self.registers_of(block):
                self.register_field(register, "consent_withdrawal", text, [passage])
            return True
        return False

    def sentences_elsewhere(self) -> None:
        """Retention sentences found outside the retention section, as rules."""
        groups: list[tuple[_Block, list[int]]] = []
        for block, passage in self.pending_retention:
            text = self.document.text(passage).lower()
            if (
                groups
                and groups[-1][0] is block
                and not _period(self.texts(groups[-1][1]))
                and (_starts_from(text) or _period(text) is None)
            ):
                groups[-1][1].append(passage)
            else:
                groups.append((block, [passage]))
        for block, passages in groups:
            self.retention_rule(passages, self.registers_of(block))

    def statements(self) -> None:
        """Register-level statements that follow from what was found."""
        for register in range(self.count):
            # A register of cookies ("Evästerekisteri", "evästetiedot") covers the website.
            about_cookies = [
                item
                for item in self.items
                if item.register == register
                and (
                    item.kind in ("purpose", "data_category")
                    or (item.kind == "register_field" and item.values["field"] == "name")
                )
                and "eväste" in " ".join(str(value) for value in item.values.values()).lower()
            ]
            if about_cookies:
                self.register_field(register, "covers_website", True, [])
            recipients = [i for i in self.items if i.kind == "recipient" and i.register == register]
            statement = next(
                (
                    i
                    for i in self.items
                    if i.kind == "register_field"
                    and i.register == register
                    and i.values["field"] == "recipients_statement"
                ),
                None,
            )
            if recipients:
                if statement is not None:
                    statement.values["value"] = RecipientsStatement.LISTED
                else:
                    self.add(
                        "register_field",
                        {"field": "recipients_statement", "value": RecipientsStatement.LISTED},
                        [],
                        register,
                    )
            # Transfers: a safeguard sentence applies to the register's transfers.
            safeguard = self.safeguards.get(register)
            transfers = [i for i in self.items if i.kind == "transfer" and i.register == register]
            if safeguard is not None:
                for transfer in transfers:
                    transfer.values["safeguard"] = safeguard.safeguard
                    transfer.values["safeguard_details"] = safeguard.text
                    transfer.passages.extend(safeguard.passages)
                if not transfers:
                    self.register_field(
                        register, "transfers_note", safeguard.text, safeguard.passages
                    )
            for transfer in transfers:
                if not transfer.values["safeguard"]:
                    transfer.notes.append(
                        _("Lähteessä ei mainita siirron perustetta. Valitse siirtoperuste.")
                    )
            if transfers:
                self.register_field(register, "transfers_statement", TransfersStatement.LISTED, [])
