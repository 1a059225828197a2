"""Reading an uploaded or pasted notice as text (registers/importing/read.py).

The proof that PDF line joining and .docx list handling work: each seed notice,
uploaded as .txt, .pdf or .docx, reads as the same words in the same order, with
every list item of the seed on a "• " line of its own.
"""

from __future__ import annotations

import codecs
import functools
import io
import random
import re
import time
import zipfile

import docx
import pytest
from django.test import override_settings
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from registers.importing import read
from registers.importing.read import UnreadableFile, read_pasted, read_upload
from tests.registers.importing.seed_files import (
    SEED_NAMES,
    blocks_html,
    docx_bytes,
    render_pdf,
    seed_blocks,
    seed_docx,
    seed_items,
    seed_pdf,
    seed_text,
)

FORMATS = {
    "txt": lambda name: seed_text(name).encode("utf-8"),
    "pdf": seed_pdf,
    "docx": seed_docx,
}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def assert_reads_as_seed(text: str, name: str) -> None:
    assert words(text) == words(seed_text(name))
    lines = text.split("\n")
    for item in seed_items(name):
        assert f"• {item}" in lines
    assert all(line == line.strip() and "  " not in line for line in lines)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_each_seed_reads_as_its_own_words_and_list_items_in_every_format(
    name: str, fmt: str
) -> None:
    text = read_upload(f"{name}.{fmt}", FORMATS[fmt](name))

    assert_reads_as_seed(text, name)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_pdf_without_space_between_paragraphs_reads_as_the_seed(name: str) -> None:
    # As Word exports a document whose paragraphs have no spacing after them.
    pdf = render_pdf(
        blocks_html(seed_blocks(name)),
        header=f"{name} – tietosuojaseloste",
        style="p, h1, h2, ul { margin: 0 } body { line-height: 1.15 }",
    )

    assert_reads_as_seed(read_upload(f"{name}.pdf", pdf), name)


def _hyphenable(text: str) -> str:
    """Soft hyphens in long words, where a Finnish hyphenator could break them."""

    def soften(match: re.Match[str]) -> str:
        word = match.group(0)
        # Not between two identical letters (a Finnish compound's hyphen goes there).
        breaks = [
            i
            for i in range(4, len(word) - 3, 4)
            if word[i - 1].lower() != word[i].lower() and not word[:i].isupper()
        ]
        for i in reversed(breaks):
            word = word[:i] + "\u00ad" + word[i:]
        return word

    return re.sub(r"\w{10,}", soften, text)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_hyphenated_justified_pdf_reads_as_the_seed(name: str) -> None:
    blocks = [(kind, _hyphenable(text)) for kind, text in seed_blocks(name)]
    pdf = render_pdf(
        blocks_html(blocks),
        header=f"{name} – tietosuojaseloste",
        style="body { text-align: justify; width: 11cm }",
    )

    assert_reads_as_seed(read_upload(f"{name}.pdf", pdf), name)


def test_the_seed_pdf_has_its_page_numbers_and_running_header_dropped() -> None:
    pdf = seed_pdf("smartum-oy")
    assert "Sivu 1 / " in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    text = read_upload("smartum-oy.pdf", pdf)

    assert not re.search(r"Sivu \d", text)
    assert "smartum-oy – tietosuojaseloste" not in text
    assert text.startswith("Tietosuojaseloste\n")


def test_pdf_line_ends_keep_real_hyphens_and_drop_word_breaks() -> None:
    body = (
        "<p>Osoitteen vaihtuessa päivitämme tiedot tietosuoja&shy;selosteeseen ja "
        "rekisteriin ilman eri pyyntöä sekä "
        "<span>verkko-osoitteen</span> että ajanvaraus- ja toiminnanohjausjärjestelmän "
        "tiedot EU-U.S. Privacy Shield -järjestelyn mukaisesti. "
        "IP-osoitteet, www-lomakkeet, 2018-2020.</p>"
    )
    # A narrow column, so that lines break at every hyphen that allows it.
    for width in ("3cm", "3.5cm", "4cm", "5cm", "6cm"):
        pdf = render_pdf(body, style=f"body {{ width: {width} }}")

        # A full stop at a line's end may end the line: only the hyphens matter here.
        text = read_upload("kapea.pdf", pdf).replace("\n", " ")

        assert text == (
            "Osoitteen vaihtuessa päivitämme tiedot tietosuojaselosteeseen ja rekisteriin "
            "ilman eri pyyntöä sekä verkko-osoitteen että ajanvaraus- ja "
            "toiminnanohjausjärjestelmän tiedot EU-U.S. Privacy Shield -järjestelyn "
            "mukaisesti. IP-osoitteet, www-lomakkeet, 2018-2020."
        ), width


def test_a_pdf_list_keeps_its_items_and_joins_their_wrapped_lines() -> None:
    items = [
        "nimi",
        "asiakkuuden ja muun asiallisen yhteyden hoitamiseen ja yhteydenpitoon liittyvät "
        "tiedot, kuten maksullisten tuotteiden ja palveluiden osto- ja peruutustiedot",
        "Google Analytics",
    ]
    pdf = render_pdf(
        "<p>Keräämme seuraavia tietoja:</p><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul><ol><li>ensimmäinen</li></ol>"
    )

    text = read_upload("lista.pdf", pdf)

    assert text.split("\n") == [
        "Keräämme seuraavia tietoja:",
        "",
        *(f"• {item}" for item in items),
        "",
        "1. ensimmäinen",
    ]


@pytest.mark.parametrize("padding", ["4pt", "0"])
def test_a_pdf_table_reads_as_rows_of_cells(padding: str) -> None:
    rows = [
        (
            "Rekisterinpitäjä",
            "Yritys Oy, Katu 1, 00100 Helsinki, puhelin 010 123 4567, "
            "sähköposti tietosuoja@yritys.fi",
        ),
        ("Yhteyshenkilö", "Maija Meikäläinen"),
        ("Rekisterin nimi ja käyttötarkoitus", "Asiakasrekisteri, asiakassuhteen hoito"),
    ]
    pdf = render_pdf(
        "<p>Tämä seloste on laadittu 1.1.2024.</p><table>"
        + "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
        + "</table><p>Lopuksi.</p>",
        style=f"td {{ vertical-align: top; padding: {padding} }} td:first-child {{ width: 4cm }}",
    )

    lines = [line for line in read_upload("taulukko.pdf", pdf).split("\n") if line]

    assert lines == [
        "Tämä seloste on laadittu 1.1.2024.",
        *(f"{label} | {value}" for label, value in rows),
        "Lopuksi.",
    ]


# --- .txt encodings and line ends

FINNISH = "Rekisterinpitäjä: Yhtiö Öy\n• Säilytämme tiedot – enintään 5 vuotta “näin”.\n"


@pytest.mark.parametrize(
    "data",
    [
        FINNISH.encode("utf-8"),
        codecs.BOM_UTF8 + FINNISH.encode("utf-8"),
        FINNISH.encode("cp1252"),
        FINNISH.replace("\n", "\r\n").encode("cp1252"),
        FINNISH.encode("utf-16"),  # with its BOM
        codecs.BOM_UTF16_BE + FINNISH.encode("utf-16-be"),
        FINNISH.encode("utf-16-le"),  # without a BOM
        FINNISH.replace("\n", "\r\n").encode("utf-8"),
        FINNISH.replace("\n", "\r").encode("utf-8"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "cp1252",
        "cp1252-crlf",
        "utf16",
        "utf16-be",
        "utf16-no-bom",
        "crlf",
        "cr",
    ],
)
def test_text_files_in_finnish_encodings_read_the_same(data: bytes) -> None:
    assert read_upload("seloste.txt", data) == FINNISH.strip()


def test_a_text_file_needs_no_extension() -> None:
    assert read_upload("seloste", b"Tietosuojaseloste") == "Tietosuojaseloste"


# --- normalisation


def test_pasted_text_is_normalised() -> None:
    pasted = (
        "  Tietosuoja\u00adseloste\u00a0 \t\r\n"
        "\r\n\r\n\r\n"
        "1. Rekisterinpitäjä\n"
        "● yksi\n"
        "– kaksi\n"
        "- kolme\n"
        "* neljä\n"
        "▪ viisi\n"
        "○ kuusi\n"
        "\uf0b7 seitsemän\n"
        "•kahdeksan\n"
        "–\u00a0\n"
        "yhdeksän\n"
        "1) numeroitu kohta\n"
        "Nolla\u200bleveys, ohjaus\x07merkki ja ﬁ-ligatuuri\n"
        "A\u0308ly NFD-muodossa\u2028rivinvaihto\n"
        "EU\u2011maa\u2003ja\u2002välit   ja\u202elopussa  \n"
    )

    assert read_pasted(pasted).split("\n") == [
        "Tietosuojaseloste",
        "",
        "1. Rekisterinpitäjä",
        "• yksi",
        "• kaksi",
        "• kolme",
        "• neljä",
        "• viisi",
        "• kuusi",
        "• seitsemän",
        "• kahdeksan",
        "• yhdeksän",
        "1) numeroitu kohta",
        "Nollaleveys, ohjausmerkki ja fi-ligatuuri",
        "Äly NFD-muodossa",
        "rivinvaihto",
        "EU-maa ja välit jalopussa",
    ]


def test_dashes_inside_words_and_numbers_are_not_bullets() -> None:
    text = "-5 astetta\n–2020\n*tähti\n3D-malli\n2. Yhteyshenkilö"

    assert read_pasted(text) == text


@pytest.mark.parametrize("pasted", ["", "   ", "\n\n\t\u00a0\u200b\n", "•\n–"])
def test_empty_pasted_text_is_refused(pasted: str) -> None:
    with pytest.raises(UnreadableFile) as error:
        read_pasted(pasted)
    assert "Liitä" in error.value.message


def test_too_long_a_text_is_refused() -> None:
    with pytest.raises(UnreadableFile) as error:
        read_pasted("sana " * 120_000)
    assert "liian pitkä" in error.value.message
    assert "500\u00a0000" in error.value.message

    with pytest.raises(UnreadableFile):
        read_upload("pitka.txt", b"sana " * 120_000)


# --- .docx structure


def _docx() -> docx.document.Document:
    return docx.Document()


def test_a_docx_table_reads_as_rows_between_the_paragraphs() -> None:
    document = _docx()
    document.add_heading("Tietosuojaseloste", level=1)
    document.add_paragraph("Tämä seloste on laadittu 1.1.2024.")
    table = document.add_table(rows=0, cols=2)
    for label, value in [
        ("Rekisterinpitäjä", "Yritys Oy, Katu 1, 00100 Helsinki"),
        ("Yhteyshenkilö", "Maija Meikäläinen\nmaija@example.fi"),
        ("Rekisterin nimi", "Asiakasrekisteri"),
    ]:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    # A cell with several paragraphs: a lead and a list.
    cells = table.add_row().cells
    cells[0].text = "Tietosisältö"
    cells[1].text = "Rekisteriin tallennetaan:"
    cells[1].add_paragraph("nimi", style="List Bullet")
    cells[1].add_paragraph("puhelinnumero", style="List Bullet")
    # A cell that is a list from its first paragraph.
    cells = table.add_row().cells
    cells[0].text = "Tietolähteet"
    cells[1].paragraphs[0].text = "rekisteröity itse"
    cells[1].paragraphs[0].style = document.styles["List Bullet"]
    cells[1].add_paragraph("julkiset lähteet", style="List Bullet")
    # Merged across: one cell.
    merged = table.add_row().cells
    merged[0].merge(merged[1]).text = "Seloste päivitetään tarvittaessa."
    document.add_paragraph("Lopuksi: kysy lisää.")

    text = read_upload("taulukko.docx", docx_bytes(document))

    assert text.split("\n") == [
        "Tietosuojaseloste",
        "Tämä seloste on laadittu 1.1.2024.",
        "Rekisterinpitäjä | Yritys Oy, Katu 1, 00100 Helsinki",
        "Yhteyshenkilö | Maija Meikäläinen",
        "maija@example.fi",
        "Rekisterin nimi | Asiakasrekisteri",
        "Tietosisältö | Rekisteriin tallennetaan:",
        "• nimi",
        "• puhelinnumero",
        "Tietolähteet",
        "• rekisteröity itse",
        "• julkiset lähteet",
        "Seloste päivitetään tarvittaessa.",
        "Lopuksi: kysy lisää.",
    ]


def _number(paragraph: object, num_id: int, level: int = 0) -> None:
    """Give a paragraph direct numbering (w:numPr), as Word does for a list."""
    properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    numbering = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numbering.append(ilvl)
    numbering.append(num)
    properties.append(numbering)


def test_docx_numbering_is_written_out_and_bullets_become_bullet_lines() -> None:
    document = _docx()
    # The default template's numbering: numId 1 is "List Bullet", 3 "List Number".
    document.add_paragraph("Rekisterinpitäjä", style="List Number")
    document.add_paragraph("Yritys Oy")
    document.add_paragraph("Yhteyshenkilö", style="List Number")
    document.add_paragraph("ensimmäinen", style="List Bullet")
    paragraph = document.add_paragraph("suoraan numeroitu luettelokohta")
    _number(paragraph, 1)
    switched_off = document.add_paragraph("numerointi poistettu", style="List Number")
    _number(switched_off, 0)
    document.add_paragraph("", style="List Bullet")  # an empty item is no line

    text = read_upload("numerot.docx", docx_bytes(document))

    assert text.split("\n") == [
        "1. Rekisterinpitäjä",
        "Yritys Oy",
        "2. Yhteyshenkilö",
        "• ensimmäinen",
        "• suoraan numeroitu luettelokohta",
        "numerointi poistettu",
    ]


def test_docx_reads_text_in_content_controls_and_tracked_insertions_but_not_deletions() -> None:
    document = _docx()
    paragraph = document.add_paragraph("Ennen. ")
    insertion = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    inserted = OxmlElement("w:t")
    inserted.text = "Lisätty."
    run.append(inserted)
    insertion.append(run)
    deletion = OxmlElement("w:del")
    deleted_run = OxmlElement("w:r")
    deleted = OxmlElement("w:delText")
    deleted.text = "Poistettu."
    deleted_run.append(deleted)
    deletion.append(deleted_run)
    paragraph._p.append(insertion)
    paragraph._p.append(deletion)
    control = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    inner = document.add_paragraph("Sisältökentässä.")
    content.append(inner._p)
    control.append(content)
    document.element.body.insert(len(document.element.body) - 1, control)

    assert read_upload("muutokset.docx", docx_bytes(document)) == (
        "Ennen. Lisätty.\nSisältökentässä."
    )


# --- bad files


def _message(filename: str, data: bytes) -> str:
    with pytest.raises(UnreadableFile) as error:
        read_upload(filename, data)
    return error.value.message


def _pdf_writer_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "word"),
    [
        ("tyhja.txt", b"", "tyhjä"),
        ("tyhja.pdf", b"", "tyhjä"),
        ("valit.txt", b" \r\n\t \n", "tyhjä"),
        ("valit16.txt", " \n ".encode("utf-16"), "tyhjä"),
        ("roska.txt", random.Random(1).randbytes(4096), "tekstitiedosto"),
        ("roska", random.Random(2).randbytes(300), "tekstitiedosto"),
        ("kuva.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "kuva"),
        ("kuva.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "kuva"),
        ("seloste.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ".docx"),
        ("seloste.rtf", b"{\\rtf1\\ansi Tietosuojaseloste}", ".docx"),
        ("seloste.odt", b"Tietosuojaseloste", ".txt, .pdf, .docx"),
        ("seloste.html", b"<p>Tietosuojaseloste</p>", ".txt, .pdf, .docx"),
        ("paketti.zip", _zip({"seloste.txt": b"Tietosuojaseloste"}), "Word-asiakirja"),
        ("paketti.docx", _zip({"seloste.txt": b"Tietosuojaseloste"}), "Word-asiakirja"),
        ("rikki.docx", b"PK\x03\x04" + random.Random(3).randbytes(200), "vioittunut"),
        ("rikki.docx", b"Tietosuojaseloste", "vioittunut"),
        ("rikki.pdf", b"Tietosuojaseloste", "vioittunut"),
        (
            "rikki.docx",
            _zip({"word/document.xml": b"<w:document", "[Content_Types].xml": b"<x"}),
            "vioittunut",
        ),
    ],
)
def test_a_bad_file_is_refused_in_finnish(filename: str, data: bytes, word: str) -> None:
    assert word in _message(filename, data)


def test_a_truncated_pdf_is_refused() -> None:
    pdf = seed_pdf("smartum-oy")

    assert "vioittunut" in _message("katkennut.pdf", pdf[: len(pdf) // 2])
    assert "vioittunut" in _message("katkennut.pdf", b"%PDF-1.7\n" + bytes(100))


def test_a_pdf_without_text_is_taken_for_a_scan() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)

    message = _message("skannattu.pdf", _pdf_writer_bytes(writer))

    assert "skannat" in message
    assert "Word" in message


def test_a_pdf_of_only_a_picture_is_taken_for_a_scan() -> None:
    pdf = render_pdf('<svg width="200" height="100"><rect width="200" height="100"/></svg>')

    assert "skannat" in _message("kuva.pdf", pdf)


def test_a_password_protected_pdf_is_refused() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(seed_pdf("timmi-software-oy"))))
    writer.encrypt("salainen")

    message = _message("suojattu.pdf", _pdf_writer_bytes(writer))

    assert "salasana" in message
    assert "Poista suojaus" in message


def test_a_pdf_protected_by_an_owner_password_only_is_read() -> None:
    # It opens without a password; only copying or editing is restricted.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(seed_pdf("timmi-software-oy"))))
    writer.encrypt("", owner_password="omistaja")

    text = read_upload("rajoitettu.pdf", _pdf_writer_bytes(writer))

    assert_reads_as_seed(text, "timmi-software-oy")


def test_a_file_over_the_limit_is_refused_before_it_is_parsed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(read, "_kind", no_parsing)
    big = b"a" * (50 * 1024 * 1024)
    started = time.monotonic()

    message = _message("iso.txt", big)

    assert time.monotonic() - started < 1
    assert "liian suuri" in message
    assert "10 MB" in message


@override_settings(IMPORT_MAX_UPLOAD_BYTES=512 * 1024)
def test_the_size_limit_follows_the_setting_in_finnish_number_format() -> None:
    assert read.MAX_UPLOAD_BYTES == 512 * 1024
    assert "0,5 MB" in _message("iso.txt", b"sana\n" * 110_000)
    assert read_upload("pieni.txt", b"sana\n" * 100_000) == "\n".join(["sana"] * 100_000)


def test_a_docx_zip_bomb_is_refused_from_its_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            spaces = b" " * (1024 * 1024)
            for _ in range(60):
                member.write(spaces)
    bomb = buffer.getvalue()
    assert len(bomb) < 100_000

    assert "liian suureksi" in _message("pommi.docx", bomb)


def test_a_pdf_of_too_many_pages_is_refused(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(read, "MAX_PDF_PAGES", 2)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)

    assert "liikaa sivuja" in _message("pitka.pdf", _pdf_writer_bytes(writer))


PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF8,
]


@given(
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=2048),
    filename=st.sampled_from(["a.txt", "a.pdf", "a.docx", "a", "a.doc", "a.png"]),
)
def test_arbitrary_bytes_read_or_raise_unreadable_file_only(
    prefix: bytes, data: bytes, filename: str
) -> None:
    try:
        text = read_upload(filename, prefix + data)
    except UnreadableFile as error:
        assert error.message
    else:
        assert text and text == text.strip()
        assert all(char == "\n" or char >= " " for char in text)


@given(text=st.text(max_size=500))
def test_arbitrary_pasted_text_reads_in_the_normal_shape_or_is_refused(text: str) -> None:
    try:
        result = read_pasted(text)
    except UnreadableFile:
        return
    assert result == result.strip()
    assert "\n\n\n" not in result
    assert all(line == line.strip() and "  " not in line for line in result.split("\n"))
    assert read_pasted(result) == result


@functools.cache
def _small_files() -> dict[str, bytes]:
    document = _docx()
    document.add_heading("1. Rekisterinpitäjä", level=2)
    document.add_paragraph("Yritys Oy", style="List Number")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "Nimi"
    return {
        "pieni.pdf": render_pdf(
            "<h2>1. Rekisterinpitäjä</h2><p>Yritys Oy</p><ul><li>nimi</li></ul>"
        ),
        "pieni.docx": docx_bytes(document),
    }


@given(
    filename=st.sampled_from(["pieni.pdf", "pieni.docx"]),
    changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    cut=st.floats(0.05, 1),
)
def test_damaged_pdf_and_docx_files_read_or_raise_unreadable_file_only(
    filename: str, changes: list[tuple[float, int]], cut: float
) -> None:
    data = bytearray(_small_files()[filename])
    for where, value in changes:
        data[int(where * len(data))] = value
    try:
        text = read_upload(filename, bytes(data[: max(1, int(cut * len(data)))]))
    except UnreadableFile as error:
        assert error.message
    else:
        assert text == text.strip()
