"""A register's change history, read from django-simple-history's records.

A register's history is its own records (fields and library ticks) and those of
its parts (purposes, data subject categories, transfers, retention rules,
cookies), merged in time order. The same list, cut at the version an officer
loaded, tells a stale save what has changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.models import (
    Cookie,
    DataSubjectCategory,
    Purpose,
    Register,
    RetentionRule,
    RightProcedure,
    Transfer,
)

PART_MODELS: tuple[type[Model], ...] = (
    Purpose,
    DataSubjectCategory,
    Transfer,
    RetentionRule,
    Cookie,
    RightProcedure,
)
# Bookkeeping, not content: never shown as a change.
HIDDEN_FIELDS = {"register", "position", "controller"}

KIND_LABELS = {
    "+": gettext_lazy("lisätty"),
    "~": gettext_lazy("muutettu"),
    "-": gettext_lazy("poistettu"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: str
    kind: str
    subject: str
    fields: list[FieldChange] = field(default_factory=list)
    # Why, where the change says so, e.g. "Tuotu tiedostosta seloste.pdf" (an import).
    reason: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def superseded_at(register: Register, version: int) -> datetime | None:
    """When the first save on top of the given version began.

    A save writes the register row (with its new version) before its ticks and
    parts, so every change made since the officer loaded `version` is at or
    after this moment.
    """
    return (
        register.history.filter(version__gt=version)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def register_changes(register: Register, *, since: datetime | None = None) -> list[Change]:
    """The register's changes, newest first; only those from `since` on if given."""
    changes = _own_changes(register)
    for model in PART_MODELS:
        changes += _part_changes(model, register)
    if since is not None:
        changes = [change for change in changes if change.when >= since]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("järjestelmä")
    return user.get_full_name() or user.get_username()


def _own_changes(register: Register) -> list[Change]:
    records = list(register.history.select_related("history_user").order_by("history_date"))
    changes = []
    previous = None
    for record in records:
        if previous is None:
            changes.append(
                Change(
                    record.history_date,
                    _who(record),
                    "+",
                    _("Rekisteri %s") % record.name,
                    reason=record.history_change_reason or "",
                )
            )
        else:
            fields = _field_changes(Register, record.diff_against(previous))
            # A save that changed only parts bumps the version: shown through the parts.
            if fields:
                changes.append(
                    Change(
                        record.history_date,
                        _who(record),
                        "~",
                        _("Rekisteri"),
                        fields,
                        reason=record.history_change_reason or "",
                    )
                )
        previous = record
    return changes


def _part_changes(model: type[Model], register: Register) -> list[Change]:
    records = list(
        model.history.filter(register_id=register.pk)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    label = str(model._meta.verbose_name).capitalize()
    previous_by_id: dict[int, Any] = {}
    changes = []
    for record in records:
        previous = previous_by_id.get(record.id)
        subject = f"{label}: {_describe(record.instance)}"
        reason = record.history_change_reason or ""
        if record.history_type == "~" and previous is not None:
            fields = _field_changes(model, record.diff_against(previous))
            if fields:
                changes.append(
                    Change(record.history_date, _who(record), "~", subject, fields, reason)
                )
        else:
            changes.append(
                Change(
                    record.history_date, _who(record), record.history_type, subject, reason=reason
                )
            )
        previous_by_id[record.id] = record
    return changes


def _describe(instance: Model) -> str:
    try:
        return str(instance)[:80]
    except Exception:  # noqa: BLE001 (a deleted library row behind a part)
        return f"#{instance.pk}"


def _field_changes(model: type[Model], delta: Any) -> list[FieldChange]:
    fields = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS:
            continue
        model_field = model._meta.get_field(change.field)
        label = str(model_field.verbose_name).capitalize()
        if model_field.many_to_many:
            # The ticks before and after, in full, like any other field's values.
            old, new = _m2m_names(model_field, change.old), _m2m_names(model_field, change.new)
            fields.append(FieldChange(label, ", ".join(old), ", ".join(new)))
        else:
            fields.append(
                FieldChange(
                    label, _display(model_field, change.old), _display(model_field, change.new)
                )
            )
    return fields


def _display(model_field: Any, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if model_field.is_relation:
        related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("kyllä") if value else _("ei")
    return str(value)


def _m2m_names(model_field: Any, rows: list[dict[str, Any]]) -> list[str]:
    """Names of the library rows ticked in one historical M2M state."""
    target = model_field.related_model
    key = target._meta.model_name
    ids = [row[key] for row in rows]
    names = {row.pk: str(row) for row in target.objects.filter(pk__in=ids)}
    return [names.get(pk, f"#{pk}") for pk in ids]
