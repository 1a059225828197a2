"""An organisation's whole data as one JSON document, and back.

The document carries the controller, its libraries, registers (with all their
parts) and notices with every published version, byte for byte (the PDF in
base64; page and PDF are checked against their SHA-256 on import). Rows refer
to each other by natural keys (a library item's name, a register's name, a
notice's slug), which are unique within a controller, so exporting what was
imported gives the same document again.

A published version is frozen: imported under another slug, its stored page
still links to the slug it was published under.

Fields are taken from the models' own metadata: a field added to a model is
exported and imported without touching this module.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.dateparse import parse_datetime

from privacy_notices.models import NoticeRegister, NoticeVersion, PrivacyNotice
from privacy_notices.publishing import sha256
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataSubjectCategory,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Source,
    Transfer,
)

FORMAT = "seloste-organisation"
FORMAT_VERSION = 1

# Bookkeeping, not data: set by the database or by the import itself.
_SKIPPED_FIELDS = {"id", "controller", "register", "created_at", "updated_at"}

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
}
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
        )
    )
    for notice in notices:
        row = _row(notice)
        row["registers"] = [register.name for register in notice.ordered_registers()]
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
    "rendered_html",
    "html_sha256",
    "pdf",
    "pdf_sha256",
}


def _version_row(version: NoticeVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "published_at": version.published_at.isoformat(),
        # By name: user ids mean nothing in another installation.
        "published_by": version.published_by.get_username() if version.published_by else None,
        "change_note": version.change_note,
        "acknowledged_issues": version.acknowledged_issues,
        "content": version.content,
        "rendered_html": version.rendered_html,
        "html_sha256": version.html_sha256,
        "pdf": base64.b64encode(bytes(version.pdf)).decode("ascii"),
        "pdf_sha256": version.pdf_sha256,
    }


# --- Import -----------------------------------------------------------------------------


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


def _expect(value: Any, kind: type, where: str, ctx: _Context) -> bool:
    if not isinstance(value, kind):
        ctx.errors.append(f"{where}: expected {kind.__name__}, got {type(value).__name__}")
        return False
    return True


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
    for name, field in fields.items():
        if name not in row:
            continue
        value = row[name]
        if isinstance(field, models.ForeignKey):
            if value is None:
                values[name] = None
                continue
            target = (lookups or {}).get(name, {}).get(value)
            if target is None:
                ctx.errors.append(f"{where}.{name}: no such item {value!r}")
                return None
            values[name] = target
            continue
        try:
            values[name] = field.to_python(value)
        except ValidationError as error:
            ctx.errors.extend(f"{where}.{name}: {message}" for message in error.messages)
            return None
    return model(**values, **attrs)


def _refs(names: Any, lookup: dict[str, Any], where: str, ctx: _Context) -> list[Any]:
    if not _expect(names, list, where, ctx):
        return []
    found = []
    for name in names:
        if name not in lookup:
            ctx.errors.append(f"{where}: no such item {name!r}")
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
    if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
        raise ImportRefused([f"document: not a {FORMAT} document of version {FORMAT_VERSION}"])
    sections = {"format", "format_version", "controller", "registers", "notices", *LIBRARIES}
    unknown = set(document) - sections
    if unknown:
        raise ImportRefused([f"document: unknown sections {', '.join(sorted(unknown))}"])

    with transaction.atomic():
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
                        model, part_row, part_where, ctx, lookups=fk_lookups, register=register
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
                extra_keys={"registers", "versions"},
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
                for version_index, version_row in enumerate(versions):
                    _import_version(version_row, f"{where}.versions[{version_index}]", notice, ctx)
    return controller


def _import_version(row: Any, where: str, notice: PrivacyNotice, ctx: _Context) -> None:
    """Recreate a published version exactly as it was, or say why not."""
    if not _expect(row, dict, where, ctx):
        return
    if set(row) != VERSION_KEYS:
        ctx.errors.append(f"{where}: expected the fields {', '.join(sorted(VERSION_KEYS))}")
        return
    try:
        pdf = base64.b64decode(row["pdf"], validate=True)
    except (binascii.Error, TypeError, ValueError):
        ctx.errors.append(f"{where}.pdf: not base64")
        return
    html = row["rendered_html"]
    if not isinstance(html, str) or sha256(html.encode()) != row["html_sha256"]:
        ctx.errors.append(f"{where}.rendered_html: does not match html_sha256")
    if sha256(pdf) != row["pdf_sha256"]:
        ctx.errors.append(f"{where}.pdf: does not match pdf_sha256")
    published_at = (
        parse_datetime(row["published_at"]) if isinstance(row["published_at"], str) else None
    )
    if published_at is None:
        ctx.errors.append(f"{where}.published_at: not a date and time")
    if not isinstance(row["number"], int) or row["number"] < 1:
        ctx.errors.append(f"{where}.number: not a version number")
    if not isinstance(row["content"], dict):
        ctx.errors.append(f"{where}.content: expected dict")
    if ctx.errors:
        return
    publisher = None
    if row["published_by"]:
        # A publisher unknown here is left blank rather than invented.
        publisher = get_user_model().objects.filter(username=row["published_by"]).first()
    NoticeVersion.objects.create(
        controller=notice.controller,
        notice=notice,
        number=row["number"],
        published_at=published_at,
        published_by=publisher,
        change_note=row["change_note"],
        acknowledged_issues=row["acknowledged_issues"],
        content=row["content"],
        rendered_html=html,
        html_sha256=row["html_sha256"],
        pdf=pdf,
        pdf_sha256=row["pdf_sha256"],
    )
