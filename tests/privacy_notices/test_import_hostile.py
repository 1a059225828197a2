"""Hostile organisation documents: refused with a listed error, nothing saved.

Security review, issue 8, findings 1 (a version's page and content from outside)
and 2 (malformed documents ended in tracebacks; no size caps).
"""

from __future__ import annotations

import base64
import copy
import io
from collections.abc import Callable
from typing import Any

import pytest

import privacy_notices.page_safety
from privacy_notices.interchange import (
    ImportRefused,
    export_organisation,
    import_organisation,
    read_document,
)
from privacy_notices.models import NoticeVersion
from privacy_notices.publishing import content_sha256, sha256
from registers.models import Controller, Register

pytestmark = pytest.mark.django_db


def _version(document: dict[str, Any]) -> dict[str, Any]:
    return document["notices"][0]["versions"][0]


def _set_page(document: dict[str, Any], html: str) -> None:
    """Replace the page, recomputing its hash as an attacker would."""
    _version(document)["rendered_html"] = html
    _version(document)["html_sha256"] = sha256(html.encode())


def _refused(document: Any, expected: str) -> list[str]:
    registers_before = Register.objects.count()
    with pytest.raises(ImportRefused) as excinfo:
        import_organisation(document)
    errors = excinfo.value.errors
    assert any(expected in line for line in errors), errors
    assert not Controller.objects.exists()
    assert Register.objects.count() == registers_before
    assert not NoticeVersion.objects.exists()
    return errors


def test_the_untouched_document_imports(document: dict[str, Any]) -> None:
    controller = import_organisation(copy.deepcopy(document))
    assert export_organisation(controller) == document


# --- Finding 1: the page and the content ------------------------------------------------


INJECTIONS = [
    ('<main id="main">', '<main id="main"><script>alert(document.cookie)</script>'),
    ('<main id="main">', '<main id="main"><img src=x onerror="alert(1)">'),
    ('<main id="main">', '<main id="main"><p onmouseover="alert(1)">Lue</p>'),
    ('<main id="main">', '<main id="main"><a href="javascript:alert(1)">Lue</a>'),
    ('<main id="main">', '<main id="main"><iframe src="https://evil.example"></iframe>'),
    ('<main id="main">', '<main id="main"><form action="https://evil.example"><input></form>'),
    ('<main id="main">', '<main id="main"><svg><script>alert(1)</script></svg>'),
    ('<main id="main">', '<main id="main"><!--><script>alert(1)</script>-->'),
    ("<head>", '<head><meta http-equiv="refresh" content="0;url=https://evil.example">'),
    ("<head>", '<head><base href="https://evil.example/">'),
    ("</style>", '</style><link rel="stylesheet" href="https://evil.example/x.css">'),
    ("<style>", "<style>body{background:url(https://evil.example/track)}"),
    ("<style>", "<style>@import 'https://evil.example/x.css';"),
    ("</body>", "<script>alert(1)</script></body>"),
    ("</html>", "</html><script>alert(1)</script>"),
]


@pytest.mark.parametrize(("anchor", "replacement"), INJECTIONS)
def test_a_page_with_active_or_loading_markup_is_refused(
    document: dict[str, Any], anchor: str, replacement: str
) -> None:
    html = _version(document)["rendered_html"]
    assert anchor in html
    _set_page(document, html.replace(anchor, replacement, 1))

    _refused(document, "notices[0].versions[0].rendered_html:")


@pytest.mark.parametrize(("anchor", "replacement"), INJECTIONS)
def test_an_older_releases_page_is_checked_by_the_sanitiser(
    document: dict[str, Any], anchor: str, replacement: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page this release would write differently (an older template) is kept only
    if the allow-list sanitiser leaves it as it is."""
    monkeypatch.setattr(
        privacy_notices.page_safety, "render_notice_page", lambda content: "an older template"
    )
    html = _version(document)["rendered_html"]
    _set_page(document, html.replace(anchor, replacement, 1))

    _refused(document, "notices[0].versions[0].rendered_html:")


def test_an_older_releases_harmless_page_imports_byte_for_byte(
    document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        privacy_notices.page_safety, "render_notice_page", lambda content: "an older template"
    )
    # An older style sheet and wording: different bytes, nothing active.
    html = _version(document)["rendered_html"].replace("<style>", "<style>h1{color:#123}", 1)
    html = html.replace("</main>", "<p class='old'>Vanha <strong>teksti</strong>.</p></main>", 1)
    _set_page(document, html)

    import_organisation(document)

    assert NoticeVersion.objects.get().rendered_html == html


def test_content_that_disagrees_with_the_page_is_refused(document: dict[str, Any]) -> None:
    """The content says Evil Oy, the page and the PDF something else; the attacker
    even recomputed the content's hash."""
    version = _version(document)
    version["content"]["controller"]["name"] = "Evil Oy"
    version["content_sha256"] = content_sha256(version["content"])

    _refused(document, "notices[0].versions[0].rendered_html: the page's title does not name")


def test_content_that_does_not_match_its_hash_is_refused(document: dict[str, Any]) -> None:
    _version(document)["content"]["title"] = "Muutettu"

    _refused(document, "notices[0].versions[0].content: does not match content_sha256")


def test_content_stating_another_version_number_is_refused(document: dict[str, Any]) -> None:
    version = _version(document)
    version["content"]["version"]["number"] = 7
    version["content_sha256"] = content_sha256(version["content"])

    _refused(document, "notices[0].versions[0].content: its version number is not 1")


def test_a_pdf_that_is_not_a_pdf_is_refused(document: dict[str, Any]) -> None:
    html_page = b"<html><script>alert(1)</script></html>"
    _version(document)["pdf"] = base64.b64encode(html_page).decode()
    _version(document)["pdf_sha256"] = sha256(html_page)

    _refused(document, "notices[0].versions[0].pdf: not a PDF file")


def test_a_format_1_document_without_content_hash_still_imports(
    document: dict[str, Any],
) -> None:
    document["format_version"] = 1
    del _version(document)["content_sha256"]

    import_organisation(document)

    version = NoticeVersion.objects.get()
    assert version.content_sha256 == content_sha256(version.content)


def test_publishing_stores_the_contents_hash(document: dict[str, Any]) -> None:
    version = _version(document)
    assert version["content_sha256"] == content_sha256(version["content"])
    assert len(version["content_sha256"]) == 64


# --- Finding 2: malformed documents ----------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting the value at a dotted path with [index] parts."""

    def change(document: dict[str, Any]) -> None:
        keys = path.replace("[", ".").replace("]", "").split(".")
        target: Any = document
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        last = keys[-1]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


MALFORMED = [
    # A list where a reference or a foreign key is expected (TypeError: unhashable).
    (
        _set("registers[0].data_categories", [["Nimi"]]),
        "registers[0].data_categories[0]: expected a text, got a list",
    ),
    (
        _set("registers[0].transfers[0].recipient", ["x"]),
        "registers[0].transfers[0].recipient: expected a text, got a list",
    ),
    (
        _set("notices[0].registers", [{"a": 1}]),
        "notices[0].registers[0]: expected a text, got an object",
    ),
    # change_note null (IntegrityError) and an object (stored as its repr).
    (
        _set("notices[0].versions[0].change_note", None),
        "notices[0].versions[0].change_note: expected a text, got null",
    ),
    (
        _set("notices[0].versions[0].change_note", {"a": 1}),
        "notices[0].versions[0].change_note: expected a text, got an object",
    ),
    # An impossible date and time (ValueError), and one without a time zone.
    (
        _set("notices[0].versions[0].published_at", "2020-13-45T99:00:00"),
        "notices[0].versions[0].published_at: not a date and time",
    ),
    (
        _set("notices[0].versions[0].published_at", "2020-01-01T10:00:00"),
        "notices[0].versions[0].published_at: the date and time has no time zone",
    ),
    # A NUL character (ValueError from the database driver), a lone surrogate.
    (_set("controller.name", "Oma\x00Oy"), "document.controller.name: contains a NUL character"),
    (
        _set("registers[0].description", "a\ud800b"),
        "document.registers[0].description: contains a lone surrogate",
    ),
    (
        _set("registers[0].position", float("nan")),
        "document.registers[0].position: not a finite number",
    ),
    # Other types the model would have coerced.
    (
        _set("registers[0].description", {"a": 1}),
        "registers[0].description: expected a text, got an object",
    ),
    (
        _set("registers[0].covers_website", "yes"),
        "registers[0].covers_website: expected true/false, got a text",
    ),
    (
        _set("registers[0].purposes[0].position", True),
        "registers[0].purposes[0].position: expected a whole number, got true/false",
    ),
    (
        _set("registers[0].purposes[0].position", 1.5),
        "registers[0].purposes[0].position: expected a whole number, got a decimal number",
    ),
    (_set("registers[0].purposes[0].position", 2**63), "registers[0].purposes[0].position:"),
    (_set("registers[0].name", None), "registers[0].name: must not be null"),
    (_set("controller", []), "controller: expected an object, got a list"),
    (
        _set("notices[0].versions[0].number", "1"),
        "notices[0].versions[0].number: expected a whole number",
    ),
    (
        _set("notices[0].versions[0].acknowledged_issues", [1]),
        "notices[0].versions[0].acknowledged_issues: expected a list of objects",
    ),
    (_set("format_version", True), "not a seloste-organisation document"),
    # Field lengths.
    (_set("controller.name", "x" * 201), "controller.name:"),
    (
        _set("notices[0].versions[0].change_note", "x" * 2_001),
        "notices[0].versions[0].change_note: Tämän arvon tulee olla enintään 2000 merkkiä",
    ),
]


@pytest.mark.parametrize(("change", "expected"), MALFORMED)
def test_a_malformed_document_gets_a_listed_error_and_nothing_is_saved(
    document: dict[str, Any], change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    change(document)
    _refused(document, expected)


def test_a_duplicate_version_number_is_a_listed_error(document: dict[str, Any]) -> None:
    versions = document["notices"][0]["versions"]
    versions.append(copy.deepcopy(versions[0]))

    errors = _refused(document, "notices[0].versions[1]")
    assert any("versio" in line.lower() for line in errors), errors


def test_a_register_listed_twice_in_a_notice_is_a_listed_error(
    document: dict[str, Any],
) -> None:
    registers = document["notices"][0]["registers"]
    registers.append(registers[0])

    _refused(document, "notices[0].registers: 'Asiakasrekisteri' is listed twice")


def test_a_document_over_the_size_limit_is_not_even_parsed(settings: Any) -> None:
    settings.IMPORT_MAX_MB = 1
    big = b'{"format": "' + b"x" * (1024 * 1024) + b'"}'

    with pytest.raises(ImportRefused, match="larger than 1 MB"):
        read_document(io.BytesIO(big))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a": NaN}', "not valid JSON"),
        (b'{"a": Infinity}', "not valid JSON"),
        (b'{"a": "\xff"}', "not UTF-8"),
        (b"{not json", "not valid JSON"),
    ],
)
def test_unreadable_documents_are_listed_errors(data: bytes, expected: str) -> None:
    with pytest.raises(ImportRefused, match=expected):
        read_document(io.BytesIO(data))
