"""An organisation's whole data as one JSON document, and back.

The document carries the controller, its libraries, registers (with all their
parts) and notices with every published version, byte for byte (the PDF in
base64; page and PDF are checked against their SHA-256 on import). Rows refer
to each other by natural keys (a library item's name, a register's name, a
notice's slug), which are unique within a controller, so exporting what was
imported gives the same document again.

A published version is frozen: imported under another slug, its stored page
still links to the slug it was published under. Its page is served on the public
site as it is, so the import keeps it only if it is harmless (``page_safety``), its
content matches the content's SHA-256 and the version's own number and date.

A document comes from outside: every value is checked for its type, length and
characters before anything is saved, and any problem is a listed error at its place
in the document (``registers[0].purposes[2].description: …``), never a traceback.

Fields are taken from the models' own metadata: a field added to a model is
exported and imported without touching this module.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from privacy_notices.models import EarlierChange, NoticeRegister, NoticeVersion, PrivacyNotice
from privacy_notices.page_safety import page_problems
from privacy_notices.publishing import content_sha256, sha256
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataSubjectCategory,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    RightProcedure,
    SecurityMeasure,
    Source,
    Transfer,
    restoring_old_data,
)

FORMAT = "seloste-organisation"
# 2 added each version's content_sha256; documents of version 1 are still read.
FORMAT_VERSION = 2
READABLE_VERSIONS = {1, 2}

# A version's parts are never edited, so no model validation bounds them: these do.
# The largest page and content published so far (20 registers with every text at its
# limit) are about 1.5 MB each, a PDF about 2 MB.
MAX_PAGE_CHARS = 10_000_000
MAX_CONTENT_BYTES = 10_000_000
MAX_PDF_BYTES = 50_000_000

# Bookkeeping, not data: set by the database or by the import itself.
_SKIPPED_FIELDS = {"id", "controller", "register", "notice", "created_at", "updated_at"}

# Library section name -> (model, natural key field).
LIBRARIES: dict[str, tuple[type[models.Model], str]] = {
    "data_categories": (DataCategory, "name"),
    "sources": (Source, "name"),
    "recipients": (Recipient, "name"),
    "security_measures": (SecurityMeasure, "title"),
}
# Register part section name -> model; the section name is the related name.
REGISTER_PARTS: dict[str, type[models.Model]] = {
    "purposes": Purpose,
    "data_subject_categories": DataSubjectCategory,
    "transfers": Transfer,
    "retention_rules": RetentionRule,
    "cookies": Cookie,
    # A register's own texts on exercising the rights; documents written before
    # them have no such section and still import.
    "right_procedures": RightProcedure,
}
# The organisation's own texts on exercising each right (those of no one register).
CONTROLLER_RIGHT_PROCEDURES = "right_procedures"
# Foreign keys from a register part to a library, exported by natural key.
_LIBRARY_KEYS: dict[type[models.Model], str] = dict(LIBRARIES.values())


class ImportRefused(Exception):
    """The document cannot be imported; ``errors`` says why, one line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _data_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in _SKIPPED_FIELDS and not field.auto_created
    ]


def _row(obj: models.Model) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in _data_fields(type(obj)):
        if isinstance(field, models.ForeignKey):
            target = getattr(obj, field.name)
            key = _LIBRARY_KEYS[field.related_model]  # type: ignore[index]
            row[field.name] = None if target is None else getattr(target, key)
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            day = field.value_from_object(obj)
            row[field.name] = None if day is None else day.isoformat()
        else:
            row[field.name] = field.value_from_object(obj)
    return row


# --- Export -----------------------------------------------------------------------------


def export_organisation(controller: Controller) -> dict[str, Any]:
    """The controller's whole data as a JSON-serialisable document."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "controller": _row(controller),
    }
    for section, (model, _key) in LIBRARIES.items():
        document[section] = [
            _row(item)
            for item in model.objects.filter(controller=controller)  # type: ignore[attr-defined]
        ]
    document[CONTROLLER_RIGHT_PROCEDURES] = [
        _row(item) for item in RightProcedure.objects.filter(controller=controller, register=None)
    ]

    registers = Register.objects.filter(controller=controller).prefetch_related(
        "data_categories",
        "sources",
        "recipients",
        "security_measures",
        *REGISTER_PARTS,
        "transfers__recipient",
        "retention_rules__data_category",
    )
    document["registers"] = []
    for register in registers:
        row = _row(register)
        for section, (_model, key) in LIBRARIES.items():
            row[section] = [getattr(item, key) for item in getattr(register, section).all()]
        for section in REGISTER_PARTS:
            row[section] = [_row(part) for part in getattr(register, section).all()]
        document["registers"].append(row)

    document["notices"] = []
    notices = PrivacyNotice.objects.filter(controller=controller).prefetch_related(
        models.Prefetch(
            "versions",
            queryset=NoticeVersion.objects.select_related("published_by").order_by("number"),
        ),
        "earlier_history",
    )
    for notice in notices:
        row = _row(notice)
        row["registers"] = [register.name for register in notice.ordered_registers()]
        row["earlier_history"] = [_row(entry) for entry in notice.earlier_history.all()]
        row["versions"] = [_version_row(version) for version in notice.versions.all()]
        document["notices"].append(row)
    return document


VERSION_KEYS = {
    "number",
    "published_at",
    "published_by",
    "change_note",
    "acknowledged_issues",
    "content",
    "content_sha256",
    "rendered_html",
    "html_sha256",
    "pdf",
    "pdf_sha256",
}
# Format version 1 had no hash of the content.
VERSION_KEYS_V1 = VERSION_KEYS - {"content_sha256"}


def _version_row(version: NoticeVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "published_at": version.published_at.isoformat(),
        # By name: user ids mean nothing in another installation.
        "published_by": version.published_by.get_username() if version.published_by else None,
        "change_note": version.change_note,
        "acknowledged_issues": version.acknowledged_issues,
        "content": version.content,
        "content_sha256": version.content_sha256,
        "rendered_html": version.rendered_html,
        "html_sha256": version.html_sha256,
        "pdf": base64.b64encode(bytes(version.pdf)).decode("ascii"),
        "pdf_sha256": version.pdf_sha256,
    }


# --- Import -----------------------------------------------------------------------------


def read_document(file: IO[bytes]) -> Any:
    """Parse a document from a binary file, refusing one over IMPORT_MAX_MB.

    The cap comes before parsing: JSON takes several times its size in memory.
    """
    limit = settings.IMPORT_MAX_MB * 1024 * 1024
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ImportRefused([f"document: larger than {settings.IMPORT_MAX_MB} MB (IMPORT_MAX_MB)"])
    try:
        return json.loads(data, parse_constant=_refuse_constant)
    except UnicodeDecodeError as error:
        raise ImportRefused([f"document: not UTF-8 ({error.reason})"]) from error
    except json.JSONDecodeError as error:
        raise ImportRefused([f"document: not valid JSON: {error}"]) from error
    except RecursionError as error:
        raise ImportRefused(["document: nested too deeply"]) from error


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)


@dataclass
class _Context:
    errors: list[str]

    def check(self, obj: models.Model, where: str, exclude: list[str] | None = None) -> None:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                label = where if field == "__all__" else f"{where}.{field}"
                self.errors.extend(f"{label}: {message}" for message in messages)


_TYPE_NAMES = {dict: "an object", list: "a list", str: "a text", int: "a whole number"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return "a decimal number"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _expect(value: Any, kind: type, where: str, ctx: _Context) -> bool:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        ctx.errors.append(f"{where}: expected {_TYPE_NAMES[kind]}, got {_type_name(value)}")
        return False
    return True


def _walk(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every value of a JSON tree with its place, without recursion."""
    stack = [(where, value)]
    while stack:
        where, value = stack.pop()
        yield where, value
        if isinstance(value, dict):
            stack.extend((f"{where}.{key}", item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))


def _unstorable(document: Any) -> list[str]:
    """Values no database column can hold: NUL, lone surrogates, NaN and infinity."""
    errors = []
    for where, value in _walk(document, "document"):
        texts = [value] if isinstance(value, str) else []
        if isinstance(value, dict):
            texts = list(value)  # keys
        for text in texts:
            if "\x00" in text:
                errors.append(f"{where}: contains a NUL character")
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                errors.append(f"{where}: contains a lone surrogate (not valid Unicode)")
        if isinstance(value, float) and not math.isfinite(value):
            errors.append(f"{where}: not a finite number")
    return errors


def _value_type_error(field: models.Field[Any, Any], value: Any) -> str | None:
    """Why a document value cannot be the field's, by type; None if it can.

    Django's to_python() would turn an object into its repr for a text field, or
    true into 1 for a number: the document must carry what the export writes.
    """
    if value is None:
        return None if field.null else "must not be null"
    if isinstance(field, models.BooleanField):
        expected: type = bool
    elif isinstance(field, models.IntegerField):
        expected = int
    elif isinstance(field, models.CharField | models.TextField | models.DateField):
        expected = str  # a date (and time) in ISO 8601
    else:
        return None
    if isinstance(value, expected) and (expected is bool or not isinstance(value, bool)):
        return None
    return f"expected {_TYPE_NAMES.get(expected, 'true/false')}, got {_type_name(value)}"


def _build(
    model: type[models.Model],
    row: Any,
    where: str,
    ctx: _Context,
    *,
    extra_keys: set[str] = frozenset(),  # type: ignore[assignment]
    lookups: dict[str, dict[str, models.Model]] | None = None,
    **attrs: Any,
) -> models.Model | None:
    """An unsaved instance from a document row; errors go to ctx."""
    if not _expect(row, dict, where, ctx):
        return None
    fields = {field.name: field for field in _data_fields(model)}
    unknown = set(row) - set(fields) - extra_keys
    if unknown:
        ctx.errors.append(f"{where}: unknown fields {', '.join(sorted(unknown))}")
        return None
    values: dict[str, Any] = {}
    errors_before = len(ctx.errors)
    for name, field in fields.items():
        if name not in row:
            continue
        value = row[name]
        if isinstance(field, models.ForeignKey):
            if value is None:
                values[name] = None
            elif _expect(value, str, f"{where}.{name}", ctx):
                target = (lookups or {}).get(name, {}).get(value)
                if target is None:
                    ctx.errors.append(f"{where}.{name}: no such item {value!r}")
                values[name] = target
            continue
        problem = _value_type_error(field, value)
        if problem:
            ctx.errors.append(f"{where}.{name}: {problem}")
            continue
        try:
            values[name] = field.to_python(value)
        except ValidationError as error:
            ctx.errors.extend(f"{where}.{name}: {message}" for message in error.messages)
    if len(ctx.errors) > errors_before:
        return None
    return model(**values, **attrs)


def _refs(names: Any, lookup: dict[str, Any], where: str, ctx: _Context) -> list[Any]:
    """The items a list of natural keys names, each once."""
    if not _expect(names, list, where, ctx):
        return []
    found = []
    for index, name in enumerate(names):
        if not _expect(name, str, f"{where}[{index}]", ctx):
            continue
        if name not in lookup:
            ctx.errors.append(f"{where}: no such item {name!r}")
        elif lookup[name] in found:
            ctx.errors.append(f"{where}: {name!r} is listed twice")
        else:
            found.append(lookup[name])
    return found


def import_organisation(document: Any, *, slug: str | None = None) -> Controller:
    """Create an organisation from an exported document.

    Everything is validated before anything is kept; on any error nothing is
    saved and ImportRefused lists every problem found.
    """
    ctx = _Context(errors=[])
    if not _expect(document, dict, "document", ctx):
        raise ImportRefused(ctx.errors)
    if (
        document.get("format") != FORMAT
        or type(document.get("format_version")) is not int
        or document["format_version"] not in READABLE_VERSIONS
    ):
        raise ImportRefused(
            [f"document: not a {FORMAT} document of version {FORMAT_VERSION} or older"]
        )
    sections = {
        "format",
        "format_version",
        "controller",
        "registers",
        "notices",
        CONTROLLER_RIGHT_PROCEDURES,
        *LIBRARIES,
    }
    unknown = set(document) - sections
    if unknown:
        raise ImportRefused([f"document: unknown sections {', '.join(sorted(unknown))}"])
    unstorable = _unstorable(document)
    if unstorable:
        raise ImportRefused(unstorable)

    # An export reproduces data that existed: a transfer kept on Privacy Shield is
    # imported as it was, and the completeness check blocks its publishing.
    with transaction.atomic(), restoring_old_data():
        controller = _import(document, slug, ctx)
        if ctx.errors:
            # Raised inside the transaction, so everything saved so far is rolled back.
            raise ImportRefused(ctx.errors)
    return controller


def _import(document: dict[str, Any], slug: str | None, ctx: _Context) -> Controller:
    controller = _build(Controller, document.get("controller"), "controller", ctx)
    if controller is None:
        raise ImportRefused(ctx.errors)
    assert isinstance(controller, Controller)
    if slug:
        controller.slug = slug
    ctx.check(controller, "controller")
    if ctx.errors:
        raise ImportRefused(ctx.errors)
    controller.save()

    libraries: dict[str, dict[str, models.Model]] = {}
    for section, (model, key) in LIBRARIES.items():
        libraries[section] = {}
        rows = document.get(section, [])
        if not _expect(rows, list, section, ctx):
            continue
        for index, row in enumerate(rows):
            where = f"{section}[{index}]"
            item = _build(model, row, where, ctx, controller=controller)
            if item is None:
                continue
            ctx.check(item, where)
            if not ctx.errors:
                item.save()
                libraries[section][getattr(item, key)] = item

    rows = document.get(CONTROLLER_RIGHT_PROCEDURES, [])
    if _expect(rows, list, CONTROLLER_RIGHT_PROCEDURES, ctx):
        for index, row in enumerate(rows):
            where = f"{CONTROLLER_RIGHT_PROCEDURES}[{index}]"
            item = _build(RightProcedure, row, where, ctx, controller=controller)
            if item is not None:
                ctx.check(item, where)
                if not ctx.errors:
                    item.save()

    fk_lookups = {
        "recipient": libraries["recipients"],
        "data_category": libraries["data_categories"],
    }
    registers: dict[str, Register] = {}
    rows = document.get("registers", [])
    if _expect(rows, list, "registers", ctx):
        for index, row in enumerate(rows):
            where = f"registers[{index}]"
            register = _build(
                Register,
                row,
                where,
                ctx,
                extra_keys={*LIBRARIES, *REGISTER_PARTS},
                controller=controller,
            )
            if register is None:
                continue
            assert isinstance(register, Register)
            ctx.check(register, where)
            if ctx.errors:
                continue
            register.save()
            registers[register.name] = register
            for section in LIBRARIES:
                items = _refs(row.get(section, []), libraries[section], f"{where}.{section}", ctx)
                getattr(register, section).set(items)
            for section, model in REGISTER_PARTS.items():
                parts = row.get(section, [])
                if not _expect(parts, list, f"{where}.{section}", ctx):
                    continue
                for part_index, part_row in enumerate(parts):
                    part_where = f"{where}.{section}[{part_index}]"
                    part = _build(
                        model,
                        part_row,
                        part_where,
                        ctx,
                        lookups=fk_lookups,
                        register=register,
                        # RightProcedure belongs to the controller as well.
                        **({"controller": controller} if model is RightProcedure else {}),
                    )
                    if part is None:
                        continue
                    ctx.check(part, part_where)
                    if not ctx.errors:
                        part.save()

    rows = document.get("notices", [])
    if _expect(rows, list, "notices", ctx):
        for index, row in enumerate(rows):
            where = f"notices[{index}]"
            notice = _build(
                PrivacyNotice,
                row,
                where,
                ctx,
                # "earlier_history" is optional: documents written before it have none.
                extra_keys={"registers", "versions", "earlier_history"},
                controller=controller,
            )
            if notice is None:
                continue
            ctx.check(notice, where)
            if ctx.errors:
                continue
            notice.save()
            covered = _refs(row.get("registers", []), registers, f"{where}.registers", ctx)
            for position, register in enumerate(covered):
                NoticeRegister.objects.create(notice=notice, register=register, position=position)
            versions = row.get("versions", [])
            if _expect(versions, list, f"{where}.versions", ctx):
                keys = VERSION_KEYS if document["format_version"] >= 2 else VERSION_KEYS_V1
                for version_index, version_row in enumerate(versions):
                    where_version = f"{where}.versions[{version_index}]"
                    _import_version(version_row, where_version, notice, keys, ctx)
            # After the versions: the history before Seloste ends where they begin.
            _import_earlier_history(row.get("earlier_history", []), where, notice, ctx)
    return controller


def _import_earlier_history(rows: Any, where: str, notice: PrivacyNotice, ctx: _Context) -> None:
    if ctx.errors:
        return
    # The notice again, now that its versions are known: its "laadittu" date.
    ctx.check(notice, where)
    if not _expect(rows, list, f"{where}.earlier_history", ctx):
        return
    for index, entry_row in enumerate(rows):
        entry_where = f"{where}.earlier_history[{index}]"
        entry = _build(EarlierChange, entry_row, entry_where, ctx, notice=notice)
        if entry is None:
            continue
        ctx.check(entry, entry_where)
        if not ctx.errors:
            entry.save()


def _import_version(
    row: Any, where: str, notice: PrivacyNotice, keys: set[str], ctx: _Context
) -> None:
    """Recreate a published version exactly as it was, or say why not."""
    if not _expect(row, dict, where, ctx):
        return
    if set(row) != keys:
        ctx.errors.append(f"{where}: expected the fields {', '.join(sorted(keys))}")
        return
    errors_before = len(ctx.errors)
    types = {
        "number": int,
        "published_at": str,
        "change_note": str,
        "acknowledged_issues": list,
        "content": dict,
        "rendered_html": str,
        "html_sha256": str,
        "pdf": str,
        "pdf_sha256": str,
        "content_sha256": str,
    }
    for key, kind in types.items():
        if key in row:
            _expect(row[key], kind, f"{where}.{key}", ctx)
    if row["published_by"] is not None:
        _expect(row["published_by"], str, f"{where}.published_by", ctx)
    if len(ctx.errors) > errors_before:
        return

    html, content = row["rendered_html"], row["content"]
    canonical = content_sha256(content)
    if len(html) > MAX_PAGE_CHARS:
        ctx.errors.append(f"{where}.rendered_html: longer than {MAX_PAGE_CHARS} characters")
    elif sha256(html.encode()) != row["html_sha256"]:
        ctx.errors.append(f"{where}.rendered_html: does not match html_sha256")
    if len(json.dumps(content, ensure_ascii=False)) > MAX_CONTENT_BYTES:
        ctx.errors.append(f"{where}.content: larger than {MAX_CONTENT_BYTES} characters")
    elif "content_sha256" in row and canonical != row["content_sha256"]:
        ctx.errors.append(f"{where}.content: does not match content_sha256")
    try:
        pdf = base64.b64decode(row["pdf"], validate=True)
    except (binascii.Error, ValueError):
        ctx.errors.append(f"{where}.pdf: not base64")
        pdf = b""
    else:
        if len(pdf) > MAX_PDF_BYTES:
            ctx.errors.append(f"{where}.pdf: larger than {MAX_PDF_BYTES} bytes")
        elif not pdf.startswith(b"%PDF-"):
            ctx.errors.append(f"{where}.pdf: not a PDF file")
        elif sha256(pdf) != row["pdf_sha256"]:
            ctx.errors.append(f"{where}.pdf: does not match pdf_sha256")
    published_at = _aware_datetime(row["published_at"], f"{where}.published_at", ctx)
    if not all(isinstance(issue, dict) for issue in row["acknowledged_issues"]):
        ctx.errors.append(f"{where}.acknowledged_issues: expected a list of objects")
    if len(ctx.errors) > errors_before:
        return
    # The content names its own version: the page and the URLs are built from it.
    stated = content.get("version")
    if not isinstance(stated, dict) or stated.get("number") != row["number"]:
        ctx.errors.append(f"{where}.content: its version number is not {row['number']}")
    elif _same_moment(stated.get("published_at"), published_at) is False:
        ctx.errors.append(f"{where}.content: its publishing time is not {row['published_at']}")
    else:
        ctx.errors.extend(f"{where}.rendered_html: {p}" for p in page_problems(html, content))
    if len(ctx.errors) > errors_before:
        return

    publisher = None
    if row["published_by"]:
        # A publisher unknown here is left blank rather than invented.
        publisher = get_user_model().objects.filter(username=row["published_by"]).first()
    version = NoticeVersion(
        controller=notice.controller,
        notice=notice,
        number=row["number"],
        published_at=published_at,
        published_by=publisher,
        change_note=row["change_note"],
        acknowledged_issues=row["acknowledged_issues"],
        content=content,
        content_sha256=canonical,
        rendered_html=html,
        html_sha256=row["html_sha256"],
        pdf=pdf,
        pdf_sha256=row["pdf_sha256"],
    )
    # The model's own rules: the change note's length and characters, a version
    # number used twice, the number's range.
    ctx.check(version, where, exclude=["pdf", "content", "rendered_html"])
    if len(ctx.errors) == errors_before:
        version.save()


def _same_moment(text: Any, moment: datetime | None) -> bool:
    try:
        return isinstance(text, str) and datetime.fromisoformat(text) == moment
    except (ValueError, TypeError):
        return False


def _aware_datetime(value: str, where: str, ctx: _Context) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        ctx.errors.append(f"{where}: not a date and time ({value[:40]!r})")
        return None
    if timezone.is_naive(moment):
        ctx.errors.append(f"{where}: the date and time has no time zone")
        return None
    return moment
