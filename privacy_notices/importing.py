"""The notice's own texts of an imported notice: intro, change policy, date, change log.

Registered in registers.importing.apply (NOTICE_APPLIERS, NOTICE_CHOICES) when the
app is loaded, so that the importer, which belongs to registers, never imports this
app. The import's registers are never added to a notice: the officer decides what
a notice covers, and publishing stays a step of its own.

Where the texts go is the officer's choice on the review page: a new unpublished
notice (the only choice when the organisation has none), or one of its notices.
Into an existing notice they only fill fields that are empty, unless the officer
chose to replace the notice's own texts; a dated change-log line is added unless
the notice has the same line already.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from privacy_notices.models import EarlierChange, PrivacyNotice
from registers.importing.apply import NoticeContext, ProposalInvalid
from registers.importing.proposal import Item
from registers.models import Controller

NOTICE_FIELDS = ("intro", "change_policy", "drafted_on")
NEW_NOTICE_SLUG = "tietosuojaseloste"


def notice_choices(controller: Controller) -> list[tuple[str, str]]:
    """The organisation's notices the imported texts may be put in."""
    return [
        (str(pk), title)
        for pk, title in PrivacyNotice.objects.for_controller(controller)
        .order_by("title", "pk")
        .values_list("pk", "title")
    ]


def apply_notice_items(controller: Controller, items: list[Item], context: NoticeContext) -> None:
    """Put the notice-level items into the chosen notice; ProposalInvalid if any is invalid."""
    errors: dict[str, dict[str, list[str]]] = {}
    notice = _chosen_notice(controller, context.get("notice", "new"))
    if notice is None:
        raise ProposalInvalid(
            {item.key: {NON_FIELD_ERRORS: [_("Valittua selostetta ei löydy.")]} for item in items}
        )
    replace = bool(context.get("replace")) or notice.pk is None
    by_field: dict[str, list[Item]] = {}
    for item in items:
        if item.kind != "notice_field":
            continue
        name = str(item.values.get("field", ""))
        if name not in NOTICE_FIELDS:
            errors[item.key] = {"value": [_("Tuntematon kenttä.")]}
        else:
            by_field.setdefault(name, []).append(item)
    changed = notice.pk is None
    for name, group in by_field.items():
        current = getattr(notice, name)
        if not replace and current not in (None, ""):
            continue  # The notice's own text stays (module docstring).
        setattr(notice, name, _joined(name, group))
        changed = True
    if changed:
        try:
            notice.full_clean()
        except ValidationError as error:
            for name, texts in error.message_dict.items():
                for item in by_field.get(name) or items:
                    errors.setdefault(item.key, {}).setdefault(
                        "value" if name in by_field else NON_FIELD_ERRORS, []
                    ).extend(texts)
            raise ProposalInvalid(errors) from error
        _mark(notice, context).save()
    existing = set(notice.earlier_history.values_list("date", "text"))
    for item in items:
        if item.kind != "earlier_change":
            continue
        change = EarlierChange(
            notice=notice, date=item.values.get("date"), text=item.values.get("text") or ""
        )
        try:
            change.full_clean()
        except ValidationError as error:
            errors[item.key] = {
                name if name in ("date", "text") else NON_FIELD_ERRORS: texts
                for name, texts in error.message_dict.items()
            }
            continue
        if (change.date, change.text) in existing:
            continue
        _mark(change, context).save()
        existing.add((change.date, change.text))
    if errors:
        raise ProposalInvalid(errors)


def _chosen_notice(controller: Controller, choice: Any) -> PrivacyNotice | None:
    if choice in (None, "", "new"):
        return PrivacyNotice(
            controller=controller, title=_("Tietosuojaseloste"), slug=_free_slug(controller)
        )
    try:
        pk = int(choice)
    except (TypeError, ValueError):
        return None
    return PrivacyNotice.objects.for_controller(controller).filter(pk=pk).first()


def _free_slug(controller: Controller) -> str:
    taken = set(PrivacyNotice.objects.for_controller(controller).values_list("slug", flat=True))
    slug, number = NEW_NOTICE_SLUG, 1
    while slug in taken:
        number += 1
        slug = f"{NEW_NOTICE_SLUG}-{number}"
    return slug


def _joined(name: str, items: list[Item]) -> Any:
    values = [item.values.get("value") for item in items]
    if name == "drafted_on":
        return values[-1] or None
    return "\n\n".join(str(value).strip() for value in values if str(value or "").strip())


def _mark(row: models.Model, context: NoticeContext) -> models.Model:
    row._change_reason = context.get("reason", "")  # type: ignore[attr-defined]
    row._history_user = context.get("user")  # type: ignore[attr-defined]
    return row
