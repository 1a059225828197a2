"""An accepted proposal becomes rows: one transaction, every row through ``full_clean``.

The review (registers.import_views) has already removed the dropped items, applied
the officer's edits and put the placed passages into items; what is left is
created as it is. Registers are created as drafts, in no notice. Library items
(data categories, sources, recipients, security texts) reuse the organisation's
own row of the same name instead of creating a duplicate, and one import creates
one row for a name however many of its registers tick it.

Errors are collected per item and field, in Finnish, as the review shows them
next to the field. Unless ``skip_invalid`` is given, any error rolls the whole
import back (``ProposalInvalid``); with it, the invalid items are left out and
reported, each in its own savepoint.

The notice's own texts (intro, change policy, change log) belong to the app that
owns notices: it registers an applier in ``NOTICE_APPLIERS`` when it is loaded,
so that this package never imports it (DESIGN.md: arrows run one way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, TypedDict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from registers.importing.proposal import CONTROLLER_FIELDS, KINDS, REGISTER_FIELDS, Item, Proposal
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataSubjectCategory,
    DataSubjectRight,
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


class NoticeContext(TypedDict, total=False):
    """What a notice applier is told besides the items.

    ``notice``: the pk of the organisation's notice to put the texts in, or "new";
    ``replace``: whether the texts replace the notice's own (else they only fill its
    empty fields); ``reason`` and ``user``: the history record's change reason and user.
    """

    notice: int | str
    replace: bool
    reason: str
    user: Any


NoticeApplier = Callable[[Controller, list[Item], NoticeContext], None]

# Registered by privacy_notices in its AppConfig.ready(). An applier validates and
# creates its rows and raises ProposalInvalid (keyed by item key) if any is invalid.
NOTICE_APPLIERS: list[NoticeApplier] = []
# Likewise: the notices the officer may put the imported texts in, as (value, label).
NOTICE_CHOICES: list[Callable[[Controller], list[tuple[str, str]]]] = []

# simple_history's history_change_reason is a CharField(max_length=100).
REASON_LENGTH = 100

# An imported old notice reproduces what existed, withdrawn transfer safeguards
# (Privacy Shield) included, for the completeness check to flag; a template chooses anew.
OLD_DATA_KINDS = frozenset({"file", "paste"})

LIBRARY_MODELS: dict[str, tuple[type[models.Model], str, str]] = {
    # kind -> (model, name field, the register's M2M field)
    "data_category": (DataCategory, "name", "data_categories"),
    "source": (Source, "name", "sources"),
    "recipient": (Recipient, "name", "recipients"),
    "security_measure": (SecurityMeasure, "title", "security_measures"),
}
PART_MODELS: dict[str, type[models.Model]] = {
    "purpose": Purpose,
    "data_subject_category": DataSubjectCategory,
    "retention_rule": RetentionRule,
    "cookie": Cookie,
    "transfer": Transfer,
}

Errors = dict[str, dict[str, list[str]]]


@dataclass
class ApplyResult:
    registers: list[Register] = field(default_factory=list)
    # Items left out with skip_invalid, each with its Finnish messages.
    skipped: list[tuple[Item, list[str]]] = field(default_factory=list)


class ProposalInvalid(Exception):
    """The proposal cannot be created as it is; nothing was saved.

    ``errors``: item key -> field (a key of the item's values, "value" for a
    field-and-value item, "__all__" for the item as a whole) -> Finnish messages.
    An error of a register that no item carries is keyed "register-<index>".
    """

    def __init__(self, errors: Errors) -> None:
        super().__init__(f"{len(errors)} invalid item(s)")
        self.errors = errors


def import_reason(*, origin_kind: str, origin: str) -> str:
    """The history's change reason for rows an import creates, at most 100 characters."""
    if origin_kind == "paste":
        return _("Tuotu liitetystä tekstistä")
    if origin_kind == "template":
        template = _("Luotu mallipohjasta %(name)s")
    else:
        template = _("Tuotu tiedostosta %(name)s")
    room = REASON_LENGTH - len(template % {"name": ""})
    return template % {"name": Truncator(origin).chars(max(room, 1))}


def register_error_key(index: int) -> str:
    return f"register-{index}"


def apply_proposal(
    proposal: Proposal,
    controller: Controller,
    user: Any,
    *,
    reason: str,
    skip_invalid: bool = False,
    notice_choice: dict[str, Any] | None = None,
) -> ApplyResult:
    """Create every item of the proposal; raise ProposalInvalid if any is invalid.

    With ``skip_invalid`` the invalid items are left out and listed in the result.
    """
    run = _Run(proposal, controller, user, reason[:REASON_LENGTH], skip_invalid)
    old_data = proposal.origin_kind in OLD_DATA_KINDS
    with transaction.atomic(), restoring_old_data() if old_data else nullcontext():
        run.controller_fields()
        run.right_procedures()
        for index in range(proposal.register_count):
            run.register(index)
        run.notice(notice_choice or {})
        if run.errors and not skip_invalid:
            # Raised inside the transaction: everything above is rolled back.
            raise ProposalInvalid(run.errors)
    return ApplyResult(registers=run.registers, skipped=run.skipped)


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in msgs] for name, msgs in error.message_dict.items()}
    return {NON_FIELD_ERRORS: [str(m) for m in error.messages]}


def _value(model_field: models.Field, value: Any) -> Any:
    """A proposal's value for a model attribute; a missing one is the field's default."""
    if value is None and not model_field.null:
        return model_field.get_default()
    return value


@contextmanager
def _savepoint() -> Iterator[None]:
    with transaction.atomic():
        yield


class _Run:
    def __init__(
        self, proposal: Proposal, controller: Controller, user: Any, reason: str, skip: bool
    ) -> None:
        self.proposal = proposal
        self.controller = controller
        self.user = user
        self.reason = reason
        self.skip = skip
        self.errors: Errors = {}
        self.skipped: list[tuple[Item, list[str]]] = []
        self.registers: list[Register] = []
        # model -> casefolded name -> row: the organisation's library, and what this
        # import added to it.
        self._library: dict[type[models.Model], dict[str, models.Model]] = {}
        self._by_pk: dict[type[models.Model], dict[int, models.Model]] = {}
        self._next_position: dict[type[models.Model], int] = {}

    # --- bookkeeping ------------------------------------------------------------------

    def fail(self, item: Item | str, messages: dict[str, list[str]]) -> None:
        key = item if isinstance(item, str) else item.key
        target = self.errors.setdefault(key, {})
        for name, texts in messages.items():
            listed = target.setdefault(name, [])
            listed += [text for text in texts if text not in listed]
        if self.skip and isinstance(item, Item):
            for skipped, texts in self.skipped:
                if skipped.key == item.key:
                    texts += [t for ts in messages.values() for t in ts if t not in texts]
                    return
            self.skipped.append((item, [t for ts in messages.values() for t in ts]))

    def mark(self, row: models.Model) -> models.Model:
        """Let the row's history record say who made it and from what."""
        row._change_reason = self.reason  # type: ignore[attr-defined]
        row._history_user = self.user  # type: ignore[attr-defined]
        return row

    def save(self, item: Item, row: models.Model) -> bool:
        """Save a validated row in its own savepoint; False (and an error) if refused."""
        try:
            with _savepoint():
                self.mark(row).save()
        except IntegrityError:
            # full_clean checked every constraint; a row made meanwhile by someone else.
            self.fail(
                item,
                {
                    NON_FIELD_ERRORS: [
                        _("Kohdetta ei voitu tallentaa: se on ristiriidassa muun tiedon kanssa.")
                    ]
                },
            )
            return False
        return True

    # --- the organisation --------------------------------------------------------------

    def controller_fields(self) -> None:
        items = [item for item in self.proposal.items if item.kind == "controller"]
        by_field: dict[str, list[Item]] = {}
        for item in items:
            name = str(item.values.get("field", ""))
            if name not in CONTROLLER_FIELDS:
                self.fail(item, {"value": [_("Tuntematon kenttä.")]})
                continue
            by_field.setdefault(name, []).append(item)
        controller = self.controller
        original = {name: getattr(controller, name) for name in by_field}
        for name, group in by_field.items():
            setattr(controller, name, _joined(Controller, name, group))
        while by_field:
            try:
                controller.full_clean(exclude=_other_fields(Controller, by_field))
            except ValidationError as error:
                failed = self._field_errors(error, by_field, fallback=items[0])
                if not self.skip:
                    return
                for name in failed or list(by_field):
                    setattr(controller, name, original[name])
                    by_field.pop(name, None)
                continue
            break
        if any(getattr(controller, name) != original[name] for name in by_field):
            self.mark(controller).save()

    def _field_errors(
        self,
        error: ValidationError,
        by_field: dict[str, list[Item]],
        *,
        fallback: Item | str,
        non_field: str | None = None,
    ) -> set[str]:
        """Record a row's field errors on the items that set each field; the fields.

        ``non_field``: the field whose items carry the row's non-field errors (a
        register's only constraint is its unique name)."""
        failed = set()
        for name, texts in _messages(error).items():
            if name == NON_FIELD_ERRORS and non_field in by_field:
                name = non_field
            group = by_field.get(name)
            if group:
                failed.add(name)
                for item in group:
                    self.fail(item, {"value": texts})
            else:
                self.fail(fallback, {NON_FIELD_ERRORS: texts})
        return failed

    def right_procedures(self) -> None:
        items = [item for item in self.proposal.items if item.kind == "right_procedure"]
        existing = {
            procedure.right: procedure
            for procedure in RightProcedure.objects.filter(
                controller=self.controller, register__isnull=True
            )
        }
        done: dict[str, RightProcedure] = {}
        for item in items:
            right = str(item.values.get("right", ""))
            text = str(item.values.get("text") or "").strip()
            if right not in DataSubjectRight.values:
                self.fail(item, {"right": [_("Tuntematon oikeus.")]})
                continue
            procedure = done.get(right) or existing.get(right)
            if procedure is None:
                procedure = RightProcedure(controller=self.controller, right=right, text=text)
            elif right in done:
                # Two passages about one right: both texts, in the source's order.
                procedure.text = f"{procedure.text}\n\n{text}"
            else:
                # The officer chose the imported text over the current one.
                procedure.text = text
            if self.clean(item, procedure) and self.save(item, procedure):
                done[right] = procedure

    def clean(self, item: Item, row: models.Model, *, exclude: list[str] | None = None) -> bool:
        try:
            row.full_clean(exclude=exclude)
        except ValidationError as error:
            allowed = set(KINDS[item.kind][1])
            self.fail(
                item,
                {
                    (name if name in allowed else NON_FIELD_ERRORS): texts
                    for name, texts in _messages(error).items()
                },
            )
            return False
        return True

    # --- registers -----------------------------------------------------------------------

    def register(self, index: int) -> None:
        proposal = self.proposal
        items = proposal.items_of(index)
        by_field: dict[str, list[Item]] = {}
        for item in items:
            if item.kind != "register_field":
                continue
            name = str(item.values.get("field", ""))
            if name not in REGISTER_FIELDS:
                self.fail(item, {"value": [_("Tuntematon kenttä.")]})
                continue
            by_field.setdefault(name, []).append(item)
        register = Register(controller=self.controller)
        for name, group in by_field.items():
            setattr(register, name, _joined(Register, name, group))
        name_items = by_field.get("name") or []
        fallback: Item | str = name_items[0] if name_items else register_error_key(index)
        saved = False
        while True:
            try:
                register.full_clean()
            except ValidationError as error:
                failed = self._field_errors(error, by_field, fallback=fallback, non_field="name")
                if not self.skip:
                    break
                if failed and "name" not in failed and NON_FIELD_ERRORS not in _messages(error):
                    for name in failed:
                        model_field = Register._meta.get_field(name)
                        setattr(register, name, model_field.get_default())
                        by_field.pop(name)
                    continue
                # No register to put anything in: every item of it is left out.
                message = _("Rekisteriä ei luotu, joten tätä kohtaa ei tuotu.")
                for item in items:
                    if item.key not in self.errors:
                        self.fail(item, {NON_FIELD_ERRORS: [message]})
                return
            else:
                saved = True
                break
        if saved:
            self.mark(register).save()
            self.registers.append(register)
        self._register_parts(register if saved else None, index)

    def _register_parts(self, register: Register | None, index: int) -> None:
        """Library ticks, then the register's own rows in item order."""
        items = [item for item in self.proposal.items_of(index) if item.kind != "register_field"]
        ticks: dict[str, dict[int, models.Model]] = {}
        # Recipients of this register by the names a transfer may call them.
        recipients: dict[str, models.Model] = {}
        for item in items:
            if item.kind not in LIBRARY_MODELS:
                continue
            row = self.library_row(item)
            if row is None:
                continue
            model, name_field, m2m = LIBRARY_MODELS[item.kind]
            ticks.setdefault(m2m, {})[row.pk] = row
            if item.kind == "recipient":
                recipients[str(item.values.get(name_field) or "").strip().casefold()] = row
                recipients[getattr(row, name_field).casefold()] = row
        if register is not None:
            for m2m, rows in ticks.items():
                getattr(register, m2m).add(*rows.values())
        positions: dict[str, int] = {}
        for item in items:
            if item.kind in PART_MODELS:
                position = positions.get(item.kind, 0)
                if self.part(item, register, position, recipients):
                    positions[item.kind] = position + 1
            elif item.kind not in LIBRARY_MODELS:
                self.fail(item, {NON_FIELD_ERRORS: [_("Tätä kohtaa ei voi tuoda rekisteriin.")]})

    def part(
        self,
        item: Item,
        register: Register | None,
        position: int,
        recipients: dict[str, models.Model],
    ) -> bool:
        model = PART_MODELS[item.kind]
        row = model(position=position)
        if register is not None:
            row.register = register  # type: ignore[attr-defined]
        for name in KINDS[item.kind][1]:
            if name == "recipient":
                continue
            if name in item.values:
                setattr(row, name, _value(model._meta.get_field(name), item.values[name]))
        if item.kind == "transfer":
            wanted = str(item.values.get("recipient") or "").strip()
            recipient = recipients.get(wanted.casefold())
            if recipient is None:
                self.fail(
                    item,
                    {
                        "recipient": [
                            _(
                                "Vastaanottajaa ”%(name)s” ei ole tämän rekisterin "
                                "vastaanottajissa. Ota vastaanottaja mukaan tai jätä siirto pois."
                            )
                            % {"name": wanted}
                        ]
                    },
                )
                return False
            row.recipient = recipient  # type: ignore[attr-defined]
        exclude = ["register"] if register is None else None
        if not self.clean(item, row, exclude=exclude):
            return False
        return register is not None and self.save(item, row)

    def library_row(self, item: Item) -> models.Model | None:
        """The organisation's row for a library item: the one it names, one of the same
        name, or a new one. None if a new one is invalid."""
        model, name_field, _m2m = LIBRARY_MODELS[item.kind]
        rows = self._library_of(model)
        existing = _pk(item.values.get("existing"))
        if existing is not None and existing in self._by_pk[model]:
            return self._by_pk[model][existing]
        # An "existing" pk of another organisation is ignored, not an error: the
        # proposal was made for this one, so it can only be stale or forged.
        name = str(item.values.get(name_field) or "").strip()
        if name and name.casefold() in rows:
            return rows[name.casefold()]
        row = model(controller=self.controller, position=self._position(model))
        for field_name in KINDS[item.kind][1]:
            if field_name != "existing" and field_name in item.values:
                model_field = model._meta.get_field(field_name)
                setattr(row, field_name, _value(model_field, item.values[field_name]))
        if not self.clean(item, row) or not self.save(item, row):
            return None
        self._next_position[model] += 1
        rows[getattr(row, name_field).casefold()] = row
        return row

    def _library_of(self, model: type[models.Model]) -> dict[str, models.Model]:
        if model not in self._library:
            found = list(model.objects.filter(controller=self.controller))  # type: ignore[attr-defined]
            name_field = next(v[1] for v in LIBRARY_MODELS.values() if v[0] is model)
            self._library[model] = {getattr(row, name_field).casefold(): row for row in found}
            self._by_pk[model] = {row.pk: row for row in found}
            positions = [row.position for row in found]  # type: ignore[attr-defined]
            self._next_position[model] = max(positions) + 1 if positions else 0
        return self._library[model]

    def _position(self, model: type[models.Model]) -> int:
        self._library_of(model)
        return self._next_position[model]

    # --- the notice ----------------------------------------------------------------------

    def notice(self, choice: dict[str, Any]) -> None:
        items = [item for item in self.proposal.items if item.level == "notice"]
        if not items:
            return
        if not NOTICE_APPLIERS:
            for item in items:
                self.fail(item, {NON_FIELD_ERRORS: [_("Selosteen tekstejä ei voi tuoda.")]})
            return
        context: NoticeContext = {
            "notice": choice.get("notice", "new"),
            "replace": bool(choice.get("replace", False)),
            "reason": self.reason,
            "user": self.user,
        }
        for applier in NOTICE_APPLIERS:
            remaining = list(items)
            while remaining:
                try:
                    with _savepoint():
                        applier(self.controller, remaining, context)
                except ProposalInvalid as invalid:
                    by_key = {item.key: item for item in remaining}
                    for key, messages in invalid.errors.items():
                        self.fail(by_key.get(key, key), messages)
                    if not self.skip:
                        break
                    left = [item for item in remaining if item.key not in invalid.errors]
                    # An applier that blames no item of its own would loop for ever.
                    remaining = left if len(left) < len(remaining) else []
                else:
                    break


def _pk(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _joined(model: type[models.Model], name: str, items: list[Item]) -> Any:
    """One field's value from the items that set it: texts joined as paragraphs (a
    passage placed into a field is added to its end), any other value the last one's."""
    model_field = model._meta.get_field(name)
    values = [item.values.get("value") for item in items]
    if isinstance(model_field, models.TextField):
        return "\n\n".join(str(value).strip() for value in values if str(value or "").strip())
    return _value(model_field, values[-1])


def _other_fields(model: type[models.Model], names: dict[str, Any]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in names]
