"""The review page's forms, built from a proposal, and the accepted proposal built back.

One small Django form per proposed item (prefix ``item<n>``, n its index in the
proposal, which the draft keeps unchanged between requests), one per unplaced
passage (prefix ``passage<id>``) and one for the page's own choices. Each value
is a proper input made from the model field it becomes, so that a choice is a
select, a yes/no a checkbox and a period a number, with the model's Finnish
label; an error of ``apply_proposal`` is put back next to the field it concerns.

What the officer decided becomes a new Proposal (``accepted``): the dropped items
left out, the edited values in, each placed passage a new item. Nothing here
writes to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.db import models
from django.forms.utils import ErrorDict
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from registers.fields import LONG_TEXT_LENGTH, TEXT_LENGTH, FreeTextFormField
from registers.importing.apply import (
    LIBRARY_MODELS,
    NOTICE_CHOICES,
    PART_MODELS,
    Errors,
    register_error_key,
)
from registers.importing.proposal import (
    CONTROLLER_FIELDS,
    KINDS,
    REGISTER_FIELDS,
    Item,
    Passage,
    Proposal,
)
from registers.models import (
    WITHDRAWN_SAFEGUARDS,
    Controller,
    DataSubjectRight,
    Register,
    RetentionUnit,
    RightProcedure,
)

KEEP, USE = "keep", "use"
DROP = "drop"
ROWS = {"rows": 2}

# The register's sections in a notice's order (DESIGN.md, "What a Finnish notice
# contains"), each with the items and register fields shown in it.
SECTIONS: list[tuple[Any, tuple[str, ...], tuple[str, ...]]] = [
    (_("Nimi ja kuvaus"), (), ("name", "description")),
    (
        _("Käsittelyn tarkoitukset ja oikeusperusteet"),
        ("purpose",),
        ("purposes_note", "consent_withdrawal"),
    ),
    (_("Rekisteröityjen ryhmät"), ("data_subject_category",), ()),
    (_("Tietoryhmät (tietosisältö)"), ("data_category",), ()),
    (_("Tietolähteet"), ("source",), ("informing_timing",)),
    (
        _("Vastaanottajat ja luovutukset"),
        ("recipient",),
        ("recipients_statement", "recipients_note"),
    ),
    (
        _("Siirrot EU:n tai ETA:n ulkopuolelle"),
        ("transfer",),
        ("transfers_statement", "transfers_note"),
    ),
    (_("Säilytysaika"), ("retention_rule",), ()),
    (_("Suojauksen periaatteet"), ("security_measure",), ()),
    (_("Evästeet"), ("cookie",), ("covers_website", "cookies_note")),
]
SHOWN_REGISTER_FIELDS = {name for _title, _kinds, names in SECTIONS for name in names}

# Where an unplaced passage may go: a register's text field (the passage is added
# to its end) or a new item of the register.
PLACEABLE_FIELDS = (
    "description",
    "purposes_note",
    "consent_withdrawal",
    "recipients_note",
    "transfers_note",
    "cookies_note",
    "provision_consequences",
    "automated_decisions_description",
)
NEW_ITEM_LABELS = {
    "data_category": _("uusi tietoryhmä"),
    "source": _("uusi tietolähde"),
    "recipient": _("uusi vastaanottaja"),
    "data_subject_category": _("uusi rekisteröityjen ryhmä"),
    "retention_rule": _("uusi säilytysperuste"),
    "security_measure": _("uusi suojaustoimenpide"),
}
RIGHTS_TARGET = "controller:rights_instructions"
SECURITY_TITLE_LENGTH = 80

NOTICE_FIELD_LABELS = {
    "intro": _("Selosteen johdanto"),
    "change_policy": _("Selosteen muuttaminen"),
    "drafted_on": _("Selosteen laatimispäivä"),
}
KIND_LABELS = {
    "purpose": _("Käsittelyn tarkoitus"),
    "data_subject_category": _("Rekisteröityjen ryhmä"),
    "data_category": _("Tietoryhmä"),
    "source": _("Tietolähde"),
    "recipient": _("Vastaanottaja"),
    "security_measure": _("Suojaustoimenpide"),
    "transfer": _("Siirto"),
    "retention_rule": _("Säilytyssääntö"),
    "cookie": _("Eväste"),
    "earlier_change": _("Aiempi muutos"),
}


class DayInput(forms.DateInput):
    """The browser's own date picker; it submits an ISO date (a typed 9.12.2020 works too)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _model_field(model: type[models.Model], name: str, *, label: Any = None) -> forms.Field:
    model_field = model._meta.get_field(name)
    formfield = model_field.formfield()
    assert formfield is not None
    if isinstance(formfield.widget, forms.Textarea):
        formfield.widget.attrs.update(ROWS)
    formfield.label = capfirst(label or model_field.verbose_name)
    return formfield


class ItemForm(forms.Form):
    """One proposed item: take it or not, and its values as they will be saved.

    A dropped item's values are not validated: whatever they hold is not saved.
    """

    def __init__(self, *args: Any, row: ItemRow, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        item = row.item
        if item.kind in ("controller", "right_procedure"):
            self.fields["choice"] = forms.ChoiceField(
                label=_("Kumpi tallennetaan?"),
                choices=[(KEEP, _("Pidä nykyinen")), (USE, _("Käytä tuotua"))],
                widget=forms.RadioSelect,
                initial=USE if not row.current else KEEP,
            )
        else:
            self.fields["include"] = forms.BooleanField(
                label=_("Ota mukaan"), required=False, initial=True
            )
        # Many items have the same choice: each is described by its own title.
        for name in ("choice", "include"):
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"item-{row.index}-title"
        if row.existing is None:
            for name, formfield in _value_fields(item).items():
                formfield.initial = item.values.get(name)
                self.fields[name] = formfield

    @property
    def value_names(self) -> list[str]:
        return [name for name in self.fields if name not in ("choice", "include")]

    @property
    def included(self) -> bool:
        if not self.is_bound:
            return (
                self.fields["include"].initial
                if "include" in self.fields
                else (self.fields["choice"].initial == USE)
            )
        if "include" in self.fields:
            widget = self.fields["include"].widget
            return bool(
                widget.value_from_datadict(self.data, self.files, self.add_prefix("include"))
            )
        return self.data.get(self.add_prefix("choice")) == USE

    def full_clean(self) -> None:
        if self.is_bound and not self.included:
            # A dropped item (or a kept current value): its values are not saved.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def values(self) -> dict[str, Any]:
        """The item's values with the officer's edits."""
        values = dict(self.row.item.values)
        for name in self.value_names:
            values[name] = _json(self.cleaned_data.get(name))
        return values


def _value_fields(item: Item) -> dict[str, forms.Field]:
    """The form fields of an item's editable values, made from the model fields."""
    values = item.values
    if item.kind == "controller":
        name = str(values.get("field", ""))
        if name not in CONTROLLER_FIELDS:
            return {}
        # Beside the current value, under the field's name.
        return {"value": _model_field(Controller, name, label=_("tuotu arvo"))}
    if item.kind == "register_field":
        name = str(values.get("field", ""))
        if name not in REGISTER_FIELDS:
            return {}
        return {"value": _model_field(Register, name)}
    if item.kind == "right_procedure":
        right = str(values.get("right", ""))
        label = DataSubjectRight(right).label if right in DataSubjectRight.values else ""
        return {"text": _model_field(RightProcedure, "text", label=label)}
    if item.kind == "notice_field":
        name = str(values.get("field", ""))
        label = NOTICE_FIELD_LABELS.get(name, name)
        if name == "drafted_on":
            return {"value": forms.DateField(label=label, required=False, widget=DayInput())}
        return {
            "value": FreeTextFormField(
                label=label,
                required=False,
                max_length=LONG_TEXT_LENGTH if name == "intro" else TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        }
    if item.kind == "earlier_change":
        return {
            "date": forms.DateField(label=_("Päivämäärä"), widget=DayInput()),
            "text": FreeTextFormField(
                label=_("Muutos"), required=False, max_length=2_000, widget=forms.Textarea(ROWS)
            ),
        }
    model = PART_MODELS.get(item.kind) or LIBRARY_MODELS[item.kind][0]
    fields: dict[str, forms.Field] = {}
    for name in KINDS[item.kind][1]:
        if name == "existing":
            continue
        if item.kind == "transfer" and name == "recipient":
            fields[name] = forms.CharField(
                label=_("Vastaanottaja"),
                max_length=300,
                help_text=_("Saman rekisterin vastaanottajan nimi."),
            )
            continue
        fields[name] = _model_field(model, name)
    safeguard = fields.get("safeguard")
    if isinstance(safeguard, forms.ChoiceField):
        # A withdrawn safeguard (Privacy Shield) only where the old notice names it.
        safeguard.choices = [
            (value, label)
            for value, label in safeguard.choices
            if value not in WITHDRAWN_SAFEGUARDS or value == values.get("safeguard")
        ]
    return fields


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


class PlacementForm(forms.Form):
    target = forms.ChoiceField(label=_("Minne kohta sijoitetaan?"), required=False)

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = choices


class OptionsForm(forms.Form):
    discard_unplaced = forms.BooleanField(
        label=_("Jätä pois kaikki kohdat, joille ei ole valittu paikkaa"), required=False
    )

    def __init__(
        self, *args: Any, notice_choices: list[tuple[str, str]] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if notice_choices is not None:
            self.fields["notice"] = forms.ChoiceField(
                label=_("Mihin selosteeseen tekstit tallennetaan?"),
                choices=[("new", _("Uusi julkaisematon seloste")), *notice_choices],
                # An organisation with a notice most likely imports that notice.
                initial=notice_choices[0][0] if notice_choices else "new",
            )
            self.fields["replace"] = forms.BooleanField(
                label=_("Korvaa valitun selosteen nykyiset tekstit tuoduilla"),
                required=False,
                help_text=_(
                    "Muuten tuodut tekstit täyttävät vain selosteen tyhjät kohdat. "
                    "Rekistereitä ei lisätä mihinkään selosteeseen."
                ),
            )


@dataclass
class ItemRow:
    index: int
    item: Item
    passages: list[Passage]
    # The organisation's library item that will be ticked instead, by name.
    existing: str | None = None
    # The organisation's current value, for a controller item.
    current: str | None = None
    form: ItemForm = field(init=False)

    @property
    def title(self) -> str:
        item = self.item
        name = str(item.values.get("field", ""))
        if item.kind == "controller" and name in CONTROLLER_FIELDS:
            return capfirst(str(Controller._meta.get_field(name).verbose_name))
        if item.kind == "register_field" and name in REGISTER_FIELDS:
            return capfirst(str(Register._meta.get_field(name).verbose_name))
        if item.kind == "right_procedure":
            right = str(item.values.get("right", ""))
            return str(DataSubjectRight(right).label) if right in DataSubjectRight.values else ""
        if item.kind == "notice_field":
            return str(NOTICE_FIELD_LABELS.get(name, name))
        return str(KIND_LABELS.get(item.kind, item.kind))

    @property
    def summary(self) -> str:
        """A few words of the item, to tell it from its neighbours."""
        if self.item.kind in ("controller", "register_field", "right_procedure", "notice_field"):
            return ""
        values = self.item.values
        if self.item.kind == "earlier_change":
            try:
                day = date.fromisoformat(str(values.get("date")))
            except ValueError:
                return str(values.get("date") or "")
            return f"{day.day}.{day.month}.{day.year}"
        for key in ("name", "title", "description", "criteria", "recipient"):
            if values.get(key):
                return Truncator(str(values[key])).chars(80)
        if values.get("period"):
            unit = values.get("period_unit")
            label = RetentionUnit(unit).label if unit in RetentionUnit.values else ""
            return f"{values['period']} {label}".strip()
        return ""

    @property
    def is_field(self) -> bool:
        """One field's value: its input's label says what it is."""
        return self.item.kind in ("register_field", "notice_field", "right_procedure")


@dataclass
class Group:
    title: Any
    rows: list[ItemRow]


@dataclass
class RegisterSection:
    index: int
    name: str
    groups: list[Group]
    errors: list[str] = field(default_factory=list)


@dataclass
class Placement:
    passage: Passage
    form: PlacementForm


class Review:
    """Every form of the review page for one proposal, bound to the same data."""

    def __init__(self, proposal: Proposal, controller: Controller, data: Any = None) -> None:
        self.proposal = proposal
        self.controller = controller
        self.data = data
        passages = {passage.id: passage for passage in proposal.passages}
        existing = _existing_names(controller, proposal)
        procedures = dict(
            RightProcedure.objects.filter(controller=controller, register__isnull=True).values_list(
                "right", "text"
            )
        )
        self.rows: list[ItemRow] = []
        for index, item in enumerate(proposal.items):
            if item.kind not in KINDS:
                continue
            row = ItemRow(
                index=index,
                item=item,
                passages=[passages[p] for p in item.passages if p in passages],
                existing=existing.get(index),
            )
            if item.kind == "controller":
                row.current = _display(controller, str(item.values.get("field", "")))
            elif item.kind == "right_procedure":
                row.current = procedures.get(str(item.values.get("right", "")), "")
            row.form = ItemForm(data, prefix=f"item{index}", row=row)
            self.rows.append(row)
        self.controller_rows = [r for r in self.rows if r.item.level == "controller"]
        self.notice_rows = [r for r in self.rows if r.item.level == "notice"]
        self.registers = [self._section(index) for index in range(proposal.register_count)]
        choices = self._targets()
        self.placements = [
            Placement(
                passage,
                PlacementForm(data, prefix=f"passage{passage.id}", choices=choices),
            )
            for passage in proposal.unplaced()
        ]
        for placement in self.placements:
            placement.form.fields["target"].widget.attrs["aria-describedby"] = (
                f"passage-{placement.passage.id}-text"
            )
        notice_choices = None
        if self.notice_rows:
            notice_choices = [c for provider in NOTICE_CHOICES for c in provider(controller)]
        self.options = OptionsForm(data, prefix="review", notice_choices=notice_choices)
        self.errors: list[str] = []

    def _section(self, index: int) -> RegisterSection:
        rows = [r for r in self.rows if r.item.register == index and r.item.level == "register"]
        groups = []
        for title, kinds, names in SECTIONS:
            fields = sorted(
                (
                    r
                    for r in rows
                    if r.item.kind == "register_field" and r.item.values.get("field") in names
                ),
                key=lambda r: names.index(r.item.values["field"]),
            )
            groups.append(Group(title, fields + [r for r in rows if r.item.kind in kinds]))
        others = [
            r
            for r in rows
            if r.item.kind == "register_field"
            and r.item.values.get("field") not in SHOWN_REGISTER_FIELDS
        ]
        groups.append(Group(_("Muut tiedot"), others))
        name = self.proposal.register_name(index) or str(_("Rekisteri %(n)s") % {"n": index + 1})
        return RegisterSection(index, name, [g for g in groups if g.rows])

    def _targets(self) -> list[Any]:
        choices: list[Any] = [("", _("— valitse —")), (DROP, _("Jätä pois"))]
        labels = {name: Register._meta.get_field(name).verbose_name for name in PLACEABLE_FIELDS}
        for section in self.registers:
            options = [
                (
                    f"r{section.index}:field:{name}",
                    _("lisää kenttään: %(field)s") % {"field": label},
                )
                for name, label in labels.items()
            ]
            options += [
                (f"r{section.index}:new:{kind}", label) for kind, label in NEW_ITEM_LABELS.items()
            ]
            choices.append((section.name, options))
        choices.append(
            (
                _("Rekisterinpitäjä"),
                [(RIGHTS_TARGET, _("lisää kenttään: ohjeet oikeuksien käyttämiseen"))],
            )
        )
        return choices

    # --- validation -------------------------------------------------------------------

    def is_valid(self) -> bool:
        results = [row.form.is_valid() for row in self.rows]
        results += [placement.form.is_valid() for placement in self.placements]
        results.append(self.options.is_valid())
        valid = all(results)
        if valid and not self.options.cleaned_data.get("discard_unplaced"):
            for placement in self.placements:
                if not placement.form.cleaned_data.get("target"):
                    placement.form.add_error(
                        "target", _("Valitse kohdalle paikka tai ”Jätä pois”.")
                    )
                    valid = False
        return valid

    @property
    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, label) of every item and passage with an error, for the page's top."""
        links = []
        for row in self.rows:
            if row.form.is_bound and row.form.errors:
                section = (
                    self.registers[row.item.register].name
                    if row.item.register is not None and row.item.register < len(self.registers)
                    else _("Rekisterinpitäjä")
                    if row.item.level == "controller"
                    else _("Selosteen tekstit")
                )
                label = ": ".join(part for part in (row.title, row.summary) if part)
                links.append((f"item-{row.index}", f"{section} – {label}"))
        for placement in self.placements:
            if placement.form.is_bound and placement.form.errors:
                text = Truncator(placement.passage.text).chars(60)
                links.append(
                    (f"passage-{placement.passage.id}", f"{_('Sijoittamaton kohta')}: {text}")
                )
        return links

    def add_errors(self, errors: Errors) -> None:
        """Put apply_proposal's errors next to the fields they concern."""
        rows = {row.item.key: row for row in self.rows}
        placements = {f"place-{p.passage.id}": p for p in self.placements}
        sections = {register_error_key(s.index): s for s in self.registers}
        for key, by_field in errors.items():
            messages = [(name, text) for name, texts in by_field.items() for text in texts]
            if key in rows:
                form = rows[key].form
                for name, text in messages:
                    form.add_error(name if name in form.value_names else None, text)
            elif key in placements:
                for _name, text in messages:
                    placements[key].form.add_error("target", text)
            elif key in sections:
                sections[key].errors += [text for _name, text in messages]
            else:
                self.errors += [text for _name, text in messages]

    # --- the accepted proposal ------------------------------------------------------------

    def accepted(self) -> Proposal:
        """The proposal as the officer accepted it (call after is_valid)."""
        items = []
        for row in self.rows:
            if not row.form.included:
                continue
            item = row.item
            items.append(
                Item(
                    key=item.key,
                    kind=item.kind,
                    values=row.form.values(),
                    passages=list(item.passages),
                    register=item.register,
                    notes=list(item.notes),
                )
            )
        for placement in self.placements:
            target = placement.form.cleaned_data.get("target") or DROP
            if target != DROP:
                items.append(self._placed(placement.passage, target, items))
        return Proposal(
            origin=self.proposal.origin,
            origin_kind=self.proposal.origin_kind,
            passages=list(self.proposal.passages),
            register_count=self.proposal.register_count,
            items=items,
        )

    def _placed(self, passage: Passage, target: str, items: list[Item]) -> Item:
        key = f"place-{passage.id}"
        text = passage.text
        if target == RIGHTS_TARGET:
            # Added to the end of the text the organisation will have.
            chosen = [
                i
                for i in items
                if i.kind == "controller" and i.values.get("field") == "rights_instructions"
            ]
            current = "" if chosen else self.controller.rights_instructions
            value = "\n\n".join(part for part in (current.strip(), text) if part)
            return Item(
                key, "controller", {"field": "rights_instructions", "value": value}, [passage.id]
            )
        register_part, how, name = target.split(":", 2)
        register = int(register_part.removeprefix("r"))
        if how == "field":
            values: dict[str, Any] = {"field": name, "value": text}
            return Item(key, "register_field", values, [passage.id], register)
        values = _new_item_values(name, text)
        return Item(key, name, values, [passage.id], register)

    def notice_choice(self) -> dict[str, Any]:
        data = self.options.cleaned_data
        return {"notice": data.get("notice") or "new", "replace": bool(data.get("replace"))}


def _new_item_values(kind: str, text: str) -> dict[str, Any]:
    if kind == "data_category":
        return {"name": text, "kind": "ordinary"}
    if kind == "recipient":
        # What the passage says of the recipient's role is the officer's to choose.
        return {"name": text, "role": "other"}
    if kind == "retention_rule":
        return {"criteria": text}
    if kind == "security_measure":
        title = Truncator(text).chars(SECURITY_TITLE_LENGTH)
        return {"title": title, "material": "general", "text": text}
    return {"name": text}


def _existing_names(controller: Controller, proposal: Proposal) -> dict[int, str]:
    """Item index -> the name of the organisation's library item it will tick instead."""
    found: dict[int, str] = {}
    for kind, (model, name_field, _m2m) in LIBRARY_MODELS.items():
        indices = [i for i, item in enumerate(proposal.items) if item.kind == kind]
        if not indices:
            continue
        rows = list(
            model.objects.filter(controller=controller).values_list("pk", name_field)  # type: ignore[attr-defined]
        )
        by_pk = dict(rows)
        by_name = {name.casefold(): name for _pk, name in rows}
        for index in indices:
            values = proposal.items[index].values
            try:
                pk = int(values.get("existing") or 0)
            except (TypeError, ValueError):
                pk = 0
            name = by_pk.get(pk) or by_name.get(
                str(values.get(name_field) or "").strip().casefold()
            )
            if name is not None:
                found[index] = name
    return found


def _display(controller: Controller, name: str) -> str:
    if name not in CONTROLLER_FIELDS:
        return ""
    return str(getattr(controller, name) or "")
