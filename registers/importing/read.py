"""Read an uploaded privacy notice (.txt, .pdf, .docx) or a pasted one as normalised text.

``read_upload`` and ``read_pasted`` return text of one shape, so that a notice reads
the same whichever format it came in and ``propose`` needs to know only this shape:

- Lines end in ``"\\n"``; each line is one paragraph, heading, list item or table
  row. Blank lines may separate blocks (never two in a row, none at either end).
  No line has leading or trailing spaces or runs of spaces.
- Unicode NFC; no control or invisible format characters; tabs, non-breaking and
  other odd spaces are plain spaces; soft hyphens are gone; hyphen variants
  (U+2010, U+2011) are ``-``; typographic ligatures (ﬁ) are letters.
- A bulleted list item starts with ``"• "`` whatever bullet it had (●, –, -, *, ▪,
  the Symbol font's private ...) or none at all in a .docx list paragraph. A bullet
  alone on its line takes the next line as its text. Numbered items and headings
  keep their numbers as written (``1. Rekisterinpitäjä``, ``1) ...``); a .docx
  paragraph numbered automatically gets its number written out the same way.
- A table row is one line, its cells joined by ``" | "``. A cell holding several
  paragraphs puts only its first one in the row line; its other paragraphs follow
  as lines of their own, so that a list inside a cell stays ``"• "`` lines. A cell
  whose first paragraph is a list item contributes an empty cell to the row line
  and its items follow. Empty cells at the row's end are dropped, so a one-column
  layout table reads as plain paragraphs. A PDF's table is found by its columns
  and read the same way, as far as the layout shows it (see below).

PDF text is laid out by position (pypdf's layout mode), then:

- Tables: a block of lines whose text runs stand apart in two to four aligned
  columns becomes rows (``Label | value``); a line with text in the first and
  another column starts a row, the others are its cells' wrapped lines. A row
  whose cells are single words, or a table whose columns touch, reads as text.
- Page headers and footers are dropped: lines at the very top or bottom of a page
  that repeat on most pages (numbers ignored), and bare page numbers there (``3``,
  ``Sivu 1 / 3``, ``1 (3)``, ``- 2 -``, ``Page 2 of 3``).
- Lines the PDF wrapped are joined back: a line continues the previous one when it
  starts with a lowercase letter, when it is indented under a list item's text, or
  when the previous line ran (nearly) to the right margin without ending in
  ``. ! ? : ;``. A paragraph may therefore stay split where a wrapped line happened
  to end a sentence; each part is still whole sentences.
- A hyphen at a line's end is dropped when it broke a word (``tieto-`` +
  ``suoja``) and kept when the word has a hyphen of its own: before an uppercase
  letter or digit (``EU-``, ``U.S.``), between two identical vowels (Finnish
  compounds: ``verkko-osoite``), after an acronym or a short prefix (``IP-osoite``),
  as a suspended hyphen before ``ja``/``tai``/``sekä`` (``etu- ja sukunimi``), or when
  the document writes the word with the hyphen elsewhere.
- An encrypted PDF that opens without a password (only editing or copying is
  restricted) is read; one that needs a password is refused.

.txt files are decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM (or
UTF-16 without one, recognised by its zero bytes), else Windows-1252. Their line
structure is kept as it is: a hard-wrapped .txt is not joined.

Every problem is an :class:`UnreadableFile` carrying a Finnish sentence for the
officer; nothing else escapes, whatever the bytes.
"""

from __future__ import annotations

import codecs
import io
import math
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A notice is some 5,000-20,000 characters; anything near this is not one.
MAX_TEXT_CHARS = 500_000
# A .docx's document.xml, and all its parts together, uncompressed (zip bombs).
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024
MAX_DOCX_TOTAL_BYTES = 200 * 1024 * 1024
# pypdf's time grows with pages; a notice has a handful.
MAX_PDF_PAGES = 300

ACCEPTED_TYPES = ".txt, .pdf, .docx"


class UnreadableFile(Exception):
    """The file or text cannot be read as a notice.

    ``message`` is a clear Finnish sentence for the officer, shown next to the file
    field.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def __getattr__(name: str) -> Any:
    # ``read.MAX_UPLOAD_BYTES`` follows the setting at the time it is read, so that
    # ``override_settings`` works for the form's help text as well as for the check.
    if name == "MAX_UPLOAD_BYTES":
        return max_upload_bytes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def file_name(name: str) -> str:
    """An uploaded file's name as the review and the history show it: the last path part,
    without invisible or control characters (a right-to-left override could disguise it),
    at most 255 characters."""
    from registers.validators import invisible_characters

    last = re.split(r"[\\/]", name)[-1]
    hidden = set(invisible_characters(last))
    visible = "".join(char for char in last if char not in hidden)
    return " ".join(visible.split())[:255] or "tiedosto"


def check_size(size: int) -> None:
    """Refuse a file over the upload limit, before anything reads it."""
    limit = max_upload_bytes()
    if size > limit:
        raise UnreadableFile(
            _("Tiedosto on liian suuri. Suurin sallittu koko on %(limit)s MB.")
            % {"limit": megabytes(limit)}
        )


def read_upload(filename: str, data: bytes) -> str:
    """The normalised text of an uploaded .txt, .pdf or .docx file."""
    check_size(len(data))
    empty = _("Tiedosto on tyhjä: siinä ei ole tekstiä.")
    if not data.strip():
        raise UnreadableFile(empty)
    kind = _kind(filename, data)
    if kind == "pdf":
        text = _read_pdf(data)
    elif kind == "docx":
        text = _read_docx(data)
    else:
        text = _decode_text(data)
    return _finish(text, empty_message=empty)


def read_pasted(text: str) -> str:
    """Pasted text, normalised as an uploaded file's is."""
    return _finish(text, empty_message=_("Liitä selosteen teksti kenttään."))


# ---------------------------------------------------------------------------
# Type detection


PDF_MAGIC = b"%PDF-"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
TEXT_EXTENSIONS = ("", ".txt", ".text")


def _kind(filename: str, data: bytes) -> str:
    """ "pdf", "docx" or "text", by content first, then by the file name's extension."""
    extension = _extension(filename)
    # The PDF specification lets the header sit anywhere in the first 1024 bytes.
    if PDF_MAGIC in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGICS):
        return "docx"
    if data.startswith(OLE_MAGIC):
        # Word 97-2003 and password-protected Office files are both OLE containers.
        raise UnreadableFile(
            _(
                "Tiedosto on vanhaa Word-muotoa (.doc) tai salasanalla suojattu. "
                "Tallenna se Wordissa .docx- tai PDF-muotoon ilman salasanaa ja lataa uudelleen."
            )
        )
    if data.startswith(b"{\\rtf"):
        raise UnreadableFile(
            _("RTF-tiedostoja ei voi lukea. Tallenna tiedosto .docx- tai PDF-muotoon.")
        )
    if data.startswith(IMAGE_MAGICS) or data[4:12] in (b"ftypheic", b"ftypavif"):
        raise UnreadableFile(
            _(
                "Tiedosto on kuva, eikä kuvasta voi lukea tekstiä. Lataa seloste "
                "tekstinä (%(types)s) tai liitä sen teksti."
            )
            % {"types": ACCEPTED_TYPES}
        )
    if extension == ".pdf":
        raise UnreadableFile(_("Tiedosto ei ole kelvollinen PDF-tiedosto: se on vioittunut."))
    if extension in (".docx", ".docm", ".dotx"):
        raise UnreadableFile(_("Tiedosto ei ole kelvollinen Word-tiedosto: se on vioittunut."))
    if extension not in TEXT_EXTENSIONS:
        raise UnreadableFile(
            _("Tiedostomuotoa ei tueta. Hyväksytyt muodot ovat %(types)s.")
            % {"types": ACCEPTED_TYPES}
        )
    return "text"


def _extension(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


def megabytes(size: int) -> str:
    """``size`` in megabytes, Finnish style: "10", "2,5"."""
    megabytes = size / (1024 * 1024)
    text = f"{megabytes:.1f}".removesuffix(".0")
    return text.replace(".", ",")


# ---------------------------------------------------------------------------
# Plain text


def _decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = data.decode("utf-32", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif (encoding := _bomless_utf16(data)) is not None:
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Windows-1252 (Notepad's "ANSI" in Finland) is Latin-1 plus typographic
            # quotes and dashes; five bytes it leaves undefined Latin-1 still maps.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if _looks_binary(text):
        raise UnreadableFile(
            _(
                "Tiedosto ei ole tekstitiedosto, eikä sitä voi lukea. "
                "Hyväksytyt muodot ovat %(types)s."
            )
            % {"types": ACCEPTED_TYPES}
        )
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Finnish text in it has a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.6 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """Control characters (other than line and tab ones) or undecodable bytes in more
    than 1 % of the text: a binary file, whatever its name says."""
    if not text:
        return False
    bad = sum(
        1
        for char in text
        if char == "\ufffd" or (char < " " and char not in "\t\n\r\f\v") or "\x7f" <= char < "\xa0"
    )
    return bad > len(text) / 100


# ---------------------------------------------------------------------------
# Normalisation, shared by every format

BULLET_CHARS = (
    "•●○◦▪▫■□◆◇►▶▸➢➤✓✔❖‣⁃∙·"
    # Word's Symbol and Wingdings bullets, as PDFs and pasted text carry them.
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0e0\uf0a8\uf06e\uf071\uf0a0"
)
# Characters that are bullets only when a space follows (they are also text).
DASH_BULLETS = "-–—*"
BULLET_RE = re.compile(
    rf"^(?:[{re.escape(BULLET_CHARS)}]|[{re.escape(DASH_BULLETS)}](?= |$))\s*(.*)$"
)
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
LINE_BREAKS_RE = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85\x1c\x1d\x1e]")
# One for one, so that a PDF line's spacing (its columns) survives cleaning.
SPACES_RE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _clean_characters(text: str) -> str:
    """Line ends, spaces and invisible characters of any text; line structure kept."""
    text = LINE_BREAKS_RE.sub("\n", text)
    text = text.translate(LIGATURES).replace("\u2010", "-").replace("\u2011", "-")
    text = SPACES_RE.sub(" ", text)
    # Control characters (Cc) other than the line end, and format characters (Cf):
    # soft hyphens, zero-width spaces and joiners, BOMs, bidirectional overrides.
    text = "".join(
        char
        for char in text
        if char == "\n"
        or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co")
        or char in BULLET_CHARS
    )
    return unicodedata.normalize("NFC", text)


def _bullet(line: str) -> str | None:
    """The text of a bulleted line (perhaps ""), or None when the line is no list item."""
    match = BULLET_RE.match(line)
    return match.group(1).strip() if match else None


def _normalise(text: str) -> str:
    lines: list[str] = []
    pending_bullet = False
    for raw in _clean_characters(text).split("\n"):
        line = re.sub(r" {2,}", " ", raw).strip()
        item = _bullet(line)
        if item is not None:
            if item:
                lines.append(f"• {item}")
                pending_bullet = False
            else:
                # A bullet alone on its line: the item's text is on the next line.
                pending_bullet = True
            continue
        if not line:
            if lines and lines[-1] and not pending_bullet:
                lines.append("")
            continue
        lines.append(f"• {line}" if pending_bullet else line)
        pending_bullet = False
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _finish(text: str, *, empty_message: str) -> str:
    too_long = _("Teksti on liian pitkä: enintään %(limit)s merkkiä.") % {
        "limit": f"{MAX_TEXT_CHARS:,}".replace(",", "\u00a0")
    }
    # Normalisation shrinks text by runs of spaces at most; don't spend time on a huge one.
    if len(text) > 4 * MAX_TEXT_CHARS:
        raise UnreadableFile(too_long)
    text = _normalise(text)
    if not text:
        raise UnreadableFile(empty_message)
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFile(too_long)
    return text


# ---------------------------------------------------------------------------
# .docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inside a paragraph: what is not its own visible text.
SKIPPED_IN_PARAGRAPH = {
    f"{W}pPr",
    f"{W}rPr",
    f"{W}del",
    f"{W}moveFrom",
    f"{W}txbxContent",
    f"{W}p",
    MC_FALLBACK,
}


def _read_docx(data: bytes) -> str:
    not_word = _(
        "Tiedosto ei ole Word-asiakirja (.docx). Tallenna seloste Wordissa .docx- tai "
        "PDF-muotoon, tai liitä sen teksti."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            document = next((e for e in entries if e.filename == "word/document.xml"), None)
            total = sum(entry.file_size for entry in entries)
    except Exception as error:  # zipfile raises several kinds on a damaged archive
        raise UnreadableFile(
            _("Tiedosto ei ole kelvollinen Word-tiedosto: se on vioittunut.")
        ) from error
    if document is None:
        raise UnreadableFile(not_word)
    # The zip directory's sizes bound what decompression yields (zipfile stops there).
    if document.file_size > MAX_DOCX_XML_BYTES or total > MAX_DOCX_TOTAL_BYTES:
        raise UnreadableFile(
            _("Word-tiedosto purkautuu liian suureksi, eikä sitä voi lukea turvallisesti.")
        )
    try:
        import docx

        word = docx.Document(io.BytesIO(data))
        return "\n".join(_DocxReader(word).lines())
    except UnreadableFile:
        raise
    except Exception as error:  # any parser failure means the file can't be read
        raise UnreadableFile(
            _("Word-tiedostoa ei voi lukea: se on vioittunut tai muuta muotoa kuin .docx.")
        ) from error


@dataclass
class _Level:
    format: str
    text: str
    start: int


class _DocxReader:
    """Body paragraphs and tables in document order, with list numbers written out."""

    def __init__(self, word: Any) -> None:
        self.body = word.element.body
        self.styles = self._styles(word)
        self.default_style = next(
            (
                _attribute(style, "styleId")
                for style in word.styles.element.iter(f"{W}style")
                if _attribute(style, "type") == "paragraph" and _attribute(style, "default") == "1"
            ),
            None,
        )
        self.numbering = self._numbering(word)
        # numId -> counters of levels 0..8
        self.counters: dict[str, list[int]] = {}

    def lines(self) -> list[str]:
        return list(self._blocks(self.body))

    def _blocks(self, parent: Any) -> Iterator[str]:
        for child in parent:
            if child.tag == f"{W}p":
                yield self._paragraph(child)
            elif child.tag == f"{W}tbl":
                yield from self._table(child)
            elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins"):
                # Content controls and tracked insertions wrap ordinary blocks.
                yield from self._blocks(child)

    def _table(self, table: Any) -> Iterator[str]:
        for row in table.iter(f"{W}tr"):
            if _nearest(row, f"{W}tbl") is not table:
                continue  # a row of a nested table: its cell yields it
            cells: list[str] = []
            rest: list[str] = []
            for cell in row.iter(f"{W}tc"):
                if _nearest(cell, f"{W}tr") is not row:
                    continue
                if self._continues_vertical_merge(cell):
                    continue
                # A line break within a paragraph starts a line, as outside tables.
                lines = [
                    line
                    for block in self._blocks(cell)
                    for line in block.split("\n")
                    if line.strip()
                ]
                if lines and _bullet(lines[0]) is None and " | " not in lines[0]:
                    cells.append(lines[0].strip())
                    rest.extend(lines[1:])
                else:
                    cells.append("")
                    rest.extend(lines)
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                yield " | ".join(cells)
            yield from rest

    @staticmethod
    def _continues_vertical_merge(cell: Any) -> bool:
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        return merge is not None and merge.get(f"{W}val", "continue") != "restart"

    def _paragraph(self, paragraph: Any) -> str:
        text = _paragraph_text(paragraph)
        if not text.strip():
            return ""
        prefix = self._number(paragraph)
        return f"{prefix} {text.lstrip()}" if prefix else text

    def _number(self, paragraph: Any) -> str:
        """The bullet or number Word draws before the paragraph, "" if none."""
        style_id = _attribute(paragraph.find(f"{W}pPr/{W}pStyle"), "val") or self.default_style
        num_id, level = None, None
        numbering = paragraph.find(f"{W}pPr/{W}numPr")
        if numbering is not None:
            num_id = _attribute(numbering.find(f"{W}numId"), "val")
            level = _attribute(numbering.find(f"{W}ilvl"), "val")
        style_num_id, style_level, list_style = self._style_numbering(style_id)
        num_id = num_id if num_id is not None else style_num_id
        level = level if level is not None else style_level
        if num_id == "0":
            return ""  # numbering explicitly switched off
        if num_id is None:
            return "•" if list_style else ""
        return self._count(num_id, _int(level, 0))

    def _count(self, num_id: str, level: int) -> str:
        levels = self.numbering.get(num_id)
        level = min(max(level, 0), 8)
        if not levels or level not in levels:
            return "•"
        definition = levels[level]
        if definition.format == "bullet":
            return "•"
        counters = self.counters.setdefault(
            num_id, [levels[i].start - 1 if i in levels else 0 for i in range(9)]
        )
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        if definition.format == "none":
            return ""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            own = levels.get(index, _Level("decimal", "", 1))
            # A level not reached yet shows its start value, as Word does.
            return _format_number(max(counters[index], own.start), own.format)

        return re.sub(r"%([1-9])", number, definition.text).strip()

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None, bool]:
        """numId and ilvl a paragraph style gives (following basedOn), and whether it
        is a list style by name."""
        num_id = level = None
        list_style = False
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self.styles:
            seen.add(current)
            style = self.styles[current]
            if num_id is None and style["num_id"] is not None:
                num_id, level = style["num_id"], style["level"]
            if style is self.styles.get(style_id) and _is_list_style_name(style["name"]):
                list_style = True
            current = style["based_on"]
        return num_id, level, list_style

    @staticmethod
    def _styles(word: Any) -> dict[str, dict[str, Any]]:
        styles: dict[str, dict[str, Any]] = {}
        for style in word.styles.element.iter(f"{W}style"):
            style_id = _attribute(style, "styleId")
            if not style_id:
                continue
            numbering = style.find(f"{W}pPr/{W}numPr")
            styles[style_id] = {
                "name": _attribute(style.find(f"{W}name"), "val") or style_id,
                "based_on": _attribute(style.find(f"{W}basedOn"), "val"),
                "num_id": _attribute(numbering.find(f"{W}numId"), "val")
                if numbering is not None
                else None,
                "level": _attribute(numbering.find(f"{W}ilvl"), "val")
                if numbering is not None
                else None,
            }
        return styles

    @staticmethod
    def _numbering(word: Any) -> dict[str, dict[int, _Level]]:
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return {}
        abstracts: dict[str, dict[int, _Level]] = {}
        for abstract in root.iter(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for level in abstract.iter(f"{W}lvl"):
                index = _int(_attribute(level, "ilvl"), -1)
                if 0 <= index <= 8:
                    levels[index] = _Level(
                        format=_attribute(level.find(f"{W}numFmt"), "val") or "decimal",
                        text=_attribute(level.find(f"{W}lvlText"), "val") or "",
                        start=_int(_attribute(level.find(f"{W}start"), "val"), 1),
                    )
            abstracts[_attribute(abstract, "abstractNumId") or ""] = levels
        numbering: dict[str, dict[int, _Level]] = {}
        for num in root.iter(f"{W}num"):
            levels = dict(abstracts.get(_attribute(num.find(f"{W}abstractNumId"), "val") or "", {}))
            for override in num.iter(f"{W}lvlOverride"):
                index = _int(_attribute(override, "ilvl"), -1)
                start = _attribute(override.find(f"{W}startOverride"), "val")
                if index in levels and start is not None:
                    original = levels[index]
                    levels[index] = _Level(original.format, original.text, _int(start, 1))
            numbering[_attribute(num, "numId") or ""] = levels
        return numbering


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    # Explicit stack instead of recursion: a hostile file may nest deeply.
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED_IN_PARAGRAPH:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            stack.append(iter(child))
    return "".join(parts)


def _nearest(element: Any, tag: str) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _attribute(element: Any, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(f"{W}{name}")
    return str(value) if value is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _is_list_style_name(name: str) -> bool:
    name = name.lower()
    return name.startswith("list") and "continue" not in name and "table" not in name


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = ""
        for value, digits in (
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ):
            count, number = divmod(number, value)
            roman += digits * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


# ---------------------------------------------------------------------------
# PDF


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    damaged = _("PDF-tiedostoa ei voi lukea: se on vioittunut tai keskeneräinen.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                # An owner password alone (copying or printing restricted) opens with "".
                opened = bool(reader.decrypt(""))
            except Exception:
                opened = False
            if not opened:
                raise UnreadableFile(
                    _(
                        "PDF-tiedosto on suojattu salasanalla, eikä sitä voi lukea. "
                        "Poista suojaus (tallenna PDF ilman salasanaa) ja lataa tiedosto "
                        "uudelleen, tai liitä selosteen teksti."
                    )
                )
        count = len(reader.pages)
        if count == 0:
            raise UnreadableFile(damaged)
        if count > MAX_PDF_PAGES:
            raise UnreadableFile(
                _("PDF-tiedostossa on liikaa sivuja (yli %(limit)s).") % {"limit": MAX_PDF_PAGES}
            )
        pages = [_page_lines(page) for page in reader.pages]
    except UnreadableFile:
        raise
    except Exception as error:  # pypdf raises many kinds on broken or hostile files
        raise UnreadableFile(damaged) from error
    text = _pdf_text(pages)
    if not _normalise(text):
        raise UnreadableFile(
            _(
                "PDF-tiedostosta ei löytynyt tekstiä: se näyttää olevan skannattu kuvina. "
                "Lataa alkuperäinen Word-tiedosto tai liitä selosteen teksti."
            )
        )
    return text


@dataclass
class _Line:
    indent: int
    text: str  # characters cleaned, single spaces, bullets normalised to "• "
    soft_break: bool = False  # ended in a soft hyphen: the word goes on
    is_bullet: bool = False
    page_end: bool = False
    raw: str = ""  # the text as laid out, with the spaces between its columns
    is_row: bool = False


def _page_lines(page: Any) -> list[_Line]:
    try:
        raw = page.extract_text(extraction_mode="layout")
    except Exception:
        # Layout mode fails on some fonts; plain mode has no positions but the text.
        raw = page.extract_text()
    lines = []
    for raw_line in LINE_BREAKS_RE.sub("\n", raw or "").split("\n"):
        soft_break = raw_line.rstrip().endswith("\u00ad")
        laid_out = _clean_characters(raw_line).replace("\n", " ").rstrip()
        # Layout mode places text by its position: leading spaces are the indent.
        indent = len(laid_out) - len(laid_out.lstrip(" "))
        text = re.sub(r" {2,}", " ", laid_out).strip()
        item = _bullet(text)
        if item is not None:
            text = f"• {item}".rstrip()
        lines.append(_Line(indent, text, soft_break, item is not None, raw=laid_out))
    return lines


PAGE_NUMBER_RE = re.compile(
    r"^[-–(\[]?\s*(?:(?:sivu|sivut|s\.|page|p\.)\s*)?\d{1,4}"
    r"(?:\s*(?:/|\(|of|kautta|\|)\s*\d{1,4}\s*\)?)?\s*[-–)\]]?$",
    re.IGNORECASE,
)


def _pdf_text(pages: list[list[_Line]]) -> str:
    lines: list[_Line] = []
    for page in _without_running_lines(pages):
        # Blank lines at a page's edges are margins, not paragraph breaks: a paragraph
        # may go on over the page break.
        page = _with_table_rows(page)
        filled = [i for i, line in enumerate(page) if line.text]
        if filled:
            page = page[filled[0] : filled[-1] + 1]
            page[-1].page_end = True
            lines.extend(page)
    return "\n".join(_dewrap(lines))


# Text runs of a laid-out line: words apart by at most two spaces.
SEGMENT_RE = re.compile(r"\S+(?: {1,2}\S+)*")
# Layout mode writes characters one column each, so a column's runs start a few
# columns apart depending on the text before them.
COLUMN_SLACK = 4


def _with_table_rows(page: list[_Line]) -> list[_Line]:
    """The page with each table row made one line, its cells joined by " | ".

    A table is told by its columns: a block of lines (between blank lines) whose text
    runs, apart by three spaces or more, start at the same two to four positions,
    with no justified line (words three spaces apart) in it. A line with text in the
    first column and another starts a row; the lines up to the next such line are
    its cells' wrapped lines and list items.
    """
    out: list[_Line] = []
    block: list[_Line] = []
    for line in [*page, _Line(0, "")]:
        if line.text:
            block.append(line)
            continue
        out.extend(_table_rows(block) if block else [])
        block = []
        out.append(line)
    return out[:-1]


def _table_rows(block: list[_Line]) -> list[_Line]:
    segments = [[(m.start(), m.group(0)) for m in SEGMENT_RE.finditer(line.raw)] for line in block]
    widest = max(segments, key=len)
    if not 2 <= len(widest) <= 4 or any("  " in text for row in segments for _, text in row):
        return block
    if _bullet(widest[0][1]) is not None:
        return block  # a list item (perhaps justified), or a bullet set apart from its text
    if any(len(row) >= 3 and not any(" " in text for _, text in row) for row in segments):
        return block  # justified: every word apart
    columns = [start for start, _ in widest]
    placed: list[list[tuple[int, str]]] = []
    for row in segments:
        line_cells = []
        for start, text in row:
            if len(row) >= 2:
                # Where a line has columns, they are the table's.
                near = [
                    i for i, column in enumerate(columns) if abs(column - start) <= COLUMN_SLACK
                ]
            else:
                # A lone run (a wrapped line, an indented list item) is in the column
                # it starts in.
                near = [i for i, column in enumerate(columns) if column - COLUMN_SLACK <= start][
                    -1:
                ]
            if not near:
                return block  # not aligned: no table
            line_cells.append((near[0], text))
        placed.append(line_cells)
    rows_with_columns = sum(len(row) >= 2 for row in segments)
    if rows_with_columns < 2 and not any(" " in text for _, text in widest):
        return block  # one line of single words far apart: more likely justified text
    rows: list[list[list[str]]] = []
    for line_cells in placed:
        if not rows or (len(line_cells) >= 2 and line_cells[0][0] == 0):
            rows.append([[] for _ in columns])
        for column, text in line_cells:
            rows[-1][column].append(text)
    made: list[_Line] = []
    for cells in rows:
        leads: list[str] = []
        rest: list[str] = []
        for cell in cells:
            items: list[str] = []
            for text in cell:
                item = _bullet(text)
                if item is not None or not items:
                    items.append(f"• {item}" if item is not None else text)
                else:
                    items[-1] = _join(items[-1], text, False, set())
            leads.append(items.pop(0) if items and _bullet(items[0]) is None else "")
            rest.extend(items)
        while leads and not leads[-1]:
            leads.pop()
        if leads:
            made.append(_Line(block[0].indent, " | ".join(leads), is_row=True))
        made += [
            _Line(block[0].indent, item, is_bullet=_bullet(item) is not None, is_row=True)
            for item in rest
        ]
    return made


def _edges(page: list[_Line]) -> tuple[list[int], list[int]]:
    """Indexes of a page's top and bottom lines: the block before the first blank
    line (and after the last one) when it is at most two lines, else the one line."""
    filled = [i for i, line in enumerate(page) if line.text]
    if not filled:
        return [], []

    def block(indexes: list[int]) -> list[int]:
        run = [indexes[0]]
        for index in indexes[1:]:
            if abs(index - run[-1]) != 1:
                break
            run.append(index)
        return run if len(run) <= 2 else run[:1]

    return block(filled), block(filled[::-1])


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without their running headers, footers and page numbers."""
    edges = [_edges(page) for page in pages]
    counts: Counter[tuple[str, str]] = Counter()
    for page, (top, bottom) in zip(pages, edges, strict=True):
        keys = {("top", _running_key(page[i].text)) for i in top}
        keys |= {("bottom", _running_key(page[i].text)) for i in bottom}
        counts.update(keys)
    # "Most pages": more than half, and at least two.
    needed = max(2, math.floor(len(pages) / 2) + 1)
    kept = []
    for page, (top, bottom) in zip(pages, edges, strict=True):
        drop = set()
        for where, indexes in (("top", top), ("bottom", bottom)):
            for i in indexes:
                line = page[i]
                if PAGE_NUMBER_RE.match(line.text) or (
                    not line.is_bullet and counts[(where, _running_key(line.text))] >= needed
                ):
                    drop.add(i)
        kept.append([line for i, line in enumerate(page) if i not in drop])
    return kept


SENTENCE_END = ".!?:;"
NUMBERED_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.? [A-ZÅÄÖ]|\d{1,3}\) )")
# A suspended hyphen ("etu- ja sukunimi") stays, with its space, before these.
CONJUNCTIONS = {"ja", "tai", "sekä", "eli", "taikka", "tahi", "ynnä", "and", "or"}
FINNISH_VOWELS = "aeiouyäöå"


def _dewrap(lines: list[_Line]) -> list[str]:
    """Lines of paragraphs and list items, the PDF's own line wraps joined."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    # The measure: how long a full line of body text is.
    measure = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    vocabulary = _vocabulary(lines)
    spaced = _spaces_paragraphs(lines, measure)
    out: list[str] = []
    current: _Line | None = None  # the line being built, with its last physical line's
    last: _Line | None = None  # length and ending
    for line in lines:
        if not line.text:
            if current is not None:
                out.append(current.text)
                current = last = None
            if out and out[-1]:
                out.append("")
            continue
        if current is None or last is None:
            current, last = _Line(line.indent, line.text, line.soft_break, line.is_bullet), line
            continue
        if _continues(current, last, line, measure, spaced=spaced):
            current.text = _join(current.text, line.text, last.soft_break, vocabulary)
        else:
            out.append(current.text)
            current = _Line(line.indent, line.text, line.soft_break, line.is_bullet)
        last = line
    if current is not None:
        out.append(current.text)
    return out


def _spaces_paragraphs(lines: list[_Line], measure: int) -> bool:
    """Whether the document leaves a blank line after its paragraphs: then lines
    without one between them belong to one paragraph, even after a full stop."""
    ends = spaced = 0
    for line, following in zip(lines, lines[1:], strict=False):
        # A short line ending a sentence surely ends its paragraph.
        if (
            line.text
            and not line.is_bullet
            and not line.page_end
            and line.text[-1] in ".!?"
            and len(line.text) < 0.75 * measure
        ):
            ends += 1
            spaced += not following.text
    return ends >= 3 and spaced >= 0.8 * ends


def _continues(current: _Line, last: _Line, line: _Line, measure: int, *, spaced: bool) -> bool:
    """Whether ``line`` goes on with the text of ``current`` (last physical line ``last``)."""
    if line.is_bullet or line.is_row or current.is_row:
        return False
    if current.text == "•":
        return True  # a bullet alone on its line: the item's text follows
    if last.soft_break or re.search(r"(?:[^\W\d_]| )-$", last.text):
        return bool(line.text[:1].isalnum())
    first = line.text[:1]
    if current.is_bullet:
        # Wrapped lines of a list item are indented under its text; a list without a
        # hanging indent can only be told by the lowercase start.
        return line.indent > current.indent or (line.indent == current.indent and first.islower())
    ends_sentence = last.text[-1:] in SENTENCE_END
    if first.islower():
        # "Otsikko:" over an unbulleted list of lowercase items is not a wrap.
        return not (last.text.endswith(":") and len(last.text) < 0.6 * measure)
    if NUMBERED_RE.match(line.text):
        return False  # a numbered heading or item starts its own line
    # Over a page break no blank line tells, so there a full stop ends the paragraph.
    joins_sentences = spaced and not last.page_end
    # A wrapped line is one that had no room left for the next line's first word.
    first_word = line.text.split(" ", 1)[0]
    full = len(last.text) + 1 + len(first_word) >= 0.9 * measure
    return (joins_sentences or not ends_sentence) and full


def _join(text: str, following: str, soft_break: bool, vocabulary: set[str]) -> str:
    if soft_break:
        return text + following
    if text.endswith(" -") and following[:1].isalpha():
        return text + following  # "Privacy Shield -" + "järjestely"
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
        head = re.search(r"(\w+)-$", text)
        tail = re.match(r"\w+", following)
        if not following[:1].islower() or head is None or tail is None:
            return text + following  # "EU-" + "U.S.", "2018-" + "2020"
        head_word, tail_word = head.group(1), tail.group(0)
        hyphenated = f"{head_word}-{tail_word}".lower()
        joined = f"{head_word}{tail_word}".lower()
        if tail_word.lower() in CONJUNCTIONS and joined not in vocabulary:
            return f"{text} {following}"
        keep = (hyphenated in vocabulary and joined not in vocabulary) or (
            joined not in vocabulary
            and (
                # Finnish writes a hyphen between two identical vowels of a compound.
                head_word[-1].lower() == tail_word[0].lower() in FINNISH_VOWELS
                or head_word.isupper()
                or any(char.isdigit() for char in head_word)
                or len(head_word) <= 3
            )
        )
        return text + following if keep else text[:-1] + following
    return f"{text} {following}"


def _vocabulary(lines: list[_Line]) -> set[str]:
    """Words and hyphenated words the document writes within its lines."""
    words: set[str] = set()
    for line in lines:
        for word in re.findall(r"\w+(?:-\w+)*", line.text.lower()):
            words.add(word)
            words.update(word.split("-"))
    return words
