"""Editing a whole register on one page: its forms, and the save that cannot lose an edit.

The save is one transaction: every form and formset is validated first, and the
register row is then locked and its version compared with the one the officer
loaded. A save made on a stale copy is refused with the changes made since, so
that nobody overwrites a colleague's edit without seeing it.

The refused form is then *rebased* (``rebase``): it shows the register as it now is,
with only the officer's own edits on top. The page carries what it showed when it
was loaded (``loaded_state``, signed), so each field is a three-way merge: a field
only the colleague changed takes the colleague's value, one only the officer
changed keeps the officer's, and one both changed keeps the officer's value marked
with the colleague's beside it, for the officer to choose. Saving the rebased form
unchanged therefore never undoes the colleague's work.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from registers.forms import (
    PART_FORMSETS,
    NewDataCategoryForm,
    RegisterForm,
    RegisterPartFormSet,
    RegisterPasteForm,
)
from registers.history import Change, register_changes, superseded_at
from registers.models import Register
from registers.pasting import append_subjects, pick_from_library, skipped_message


class StaleRegisterError(Exception):
    """The register was saved by someone else after the officer loaded it."""

    def __init__(self, *, current_version: int, changes: list[Change]) -> None:
        super().__init__("stale register")
        self.current_version = current_version
        self.changes = changes


@dataclass
class RegisterEditor:
    """Every form of the register page, bound to the same data."""

    register: Register
    form: RegisterForm
    formsets: dict[str, RegisterPartFormSet]
    new_category: NewDataCategoryForm
    paste: RegisterPasteForm
    # What the pasted lists did, told to the officer after the save.
    paste_report: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def build(
        cls, *, register: Register, data: QueryDict | None = None, read_only: bool = False
    ) -> RegisterEditor:
        controller = register.controller
        editor = cls(
            register=register,
            form=RegisterForm(data, instance=register, controller=controller),
            formsets={
                prefix: formset_class(data, instance=register, prefix=prefix, controller=controller)
                for prefix, formset_class in PART_FORMSETS.items()
            },
            new_category=NewDataCategoryForm(data, controller=controller),
            paste=RegisterPasteForm(data, register=register),
        )
        if data is None:
            editor.form.fields["loaded_state"].initial = editor.loaded_state()
        if read_only:
            editor.disable()
        return editor

    def loaded_state(self) -> str:
        """What this (unbound) page shows, signed, for rebasing a stale save later."""
        state = {
            "version": self.register.version,
            "register": _values(self.form, skip=RegisterForm.BOOKKEEPING),
            "parts": {
                prefix: {
                    str(form.instance.pk): _values(form, skip=_ROW_BOOKKEEPING)
                    for form in formset.initial_forms
                }
                for prefix, formset in self.formsets.items()
            },
        }
        return signing.dumps(state, salt=_STATE_SALT, compress=True)

    def disable(self) -> None:
        """Show everything, change nothing: the page of a viewer."""
        for form in self.all_forms():
            for field in form.fields.values():
                field.disabled = True

    def all_forms(self) -> list[Any]:
        forms: list[Any] = [self.form, self.new_category, self.paste]
        for formset in self.formsets.values():
            forms += formset.forms
        return forms

    def is_valid(self) -> bool:
        # Validate everything (not all() with its short-circuit) so that every
        # error is shown at once.
        results = [self.form.is_valid(), self.new_category.is_valid(), self.paste.is_valid()]
        results += [formset.is_valid() for formset in self.formsets.values()]
        return all(results)

    @property
    def loaded_version(self) -> int:
        return int(self.form.cleaned_data["loaded_version"])


def save_register(*, editor: RegisterEditor) -> Register:
    """Save a validated editor in one transaction; raise StaleRegisterError if stale.

    What the pasted lists did is left in ``editor.paste_report`` (Finnish sentences).
    """
    register = editor.register
    with transaction.atomic():
        current = Register.objects.select_for_update().only("version").get(pk=register.pk)
        if current.version != editor.loaded_version:
            raise StaleRegisterError(
                current_version=current.version,
                changes=changes_since(register, editor.loaded_version),
            )
        register = editor.form.save(commit=False)
        # Every save bumps the version, also one that changed only parts or ticks.
        register.version = current.version + 1
        register.save()
        if editor.new_category.wanted:
            category = editor.new_category.save()
            ticked = list(editor.form.cleaned_data["data_categories"])
            editor.form.cleaned_data["data_categories"] = [*ticked, category]
        editor.paste_report = _tick_pasted(editor, register)
        editor.form.save_m2m()
        for formset in editor.formsets.values():
            formset.save_parts()
        editor.form.save_right_procedures()
        editor.paste_report += _add_pasted_subjects(editor, register)
    return register


def _tick_pasted(editor: RegisterEditor, register: Register) -> list[str]:
    """Tick each pasted library line's item, adding the new ones to the library."""
    report = []
    for name, model in RegisterPasteForm.TARGETS.items():
        pasted = editor.paste.pasted.get(name)
        if name == "subjects" or pasted is None or not (pasted.lines or pasted.skipped):
            continue
        picked, new = pick_from_library(model, register=register, lines=pasted.lines)
        ticked = list(editor.form.cleaned_data[name])
        editor.form.cleaned_data[name] = [*ticked, *(item for item in picked if item not in ticked)]
        label = capfirst(model._meta.verbose_name_plural)
        report.append(
            _("%(field)s: valittiin %(count)s, joista %(new)s lisättiin kirjastoon.")
            % {"field": label, "count": len(picked), "new": new}
        )
        if pasted.skipped:
            report.append(skipped_message(pasted.skipped))
    return report


def _add_pasted_subjects(editor: RegisterEditor, register: Register) -> list[str]:
    pasted = editor.paste.pasted.get("subjects")
    if pasted is None or not (pasted.lines or pasted.skipped):
        return []
    added = append_subjects(register=register, pasted=pasted)
    report = [_("Rekisteröityjen ryhmiä lisättiin %s.") % len(added.lines)]
    if added.skipped:
        report.append(skipped_message(added.skipped))
    return report


def changes_since(register: Register, version: int) -> list[Change]:
    """What was saved on top of the given version of the register."""
    return register_changes(register, since=superseded_at(register, version))


def posted_version(data: QueryDict) -> int | None:
    """The version the posted page was loaded at, if it says one."""
    try:
        return int(data.get("loaded_version", ""))
    except ValueError:
        return None


# --- Rebasing a refused save on the current register -------------------------------------

_STATE_SALT = "registers.editing.loaded_state"
# Formset row fields that are not content: the row's identity, its deletion box and
# the hidden foreign key to the register.
_ROW_BOOKKEEPING = frozenset({"id", "DELETE", "register"})

# A field's value as a browser submits it: text, a list of chosen values, or (for a
# checkbox) whether it is ticked.
Submitted = str | list[str] | bool


def _submitted(field: forms.Field, value: Any) -> Submitted:
    if isinstance(field.widget, forms.CheckboxInput):
        return bool(value)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _values(form: forms.BaseForm, *, skip: frozenset[str] = frozenset()) -> dict[str, Submitted]:
    """Each field's value as the browser submits it: what the form shows (unbound) or
    what was typed into it (bound)."""
    return {
        name: _submitted(field, form[name].value())
        for name, field in form.fields.items()
        if name not in skip
    }


def _same(a: Submitted | None, b: Submitted | None) -> bool:
    """Equal as content: line breaks as the server stores them, outer spaces ignored,
    chosen values in any order."""

    def norm(value: Submitted | None) -> Any:
        if isinstance(value, list):
            return sorted(value)
        if isinstance(value, str):
            return value.replace("\r\n", "\n").strip()
        return bool(value)

    return norm(a) == norm(b)


def _merge(base: Submitted | None, mine: Submitted, theirs: Submitted) -> tuple[Submitted, bool]:
    """The three-way merge of one field: (value, whether both changed it differently).

    Without a base (the page's loaded_state was missing or unreadable) every field
    the two disagree on is a conflict, shown with the officer's value.
    """
    if isinstance(mine, list) and isinstance(theirs, list) and isinstance(base, list):
        # Ticks merge tick by tick: the colleague's additions and removals stay, and
        # so do the officer's.
        added, removed = set(mine) - set(base), set(base) - set(mine)
        return sorted((set(theirs) | added) - removed), False
    if base is not None and _same(mine, base):
        return theirs, False
    if (base is not None and _same(theirs, base)) or _same(mine, theirs):
        return mine, False
    return mine, True


@dataclass
class Conflict:
    """What the rebased form must point out: a field both the officer and someone else
    changed (the form shows the officer's value, the message the other one), or a
    whole row (``field`` None)."""

    prefix: str  # "" for the register's own fields, else the formset's prefix
    index: int | None  # the row on the rebased form
    field: str | None
    message: str


def _clash(
    prefix: str, index: int | None, name: str, field: forms.Field, theirs: Submitted
) -> Conflict:
    message = _(
        "Sekä sinä että joku muu muutitte tätä kohtaa. Lomakkeella on sinun arvosi; toisen "
        "tallentama arvo on: “%(theirs)s”. Valitse oikea ja tallenna."
    ) % {"theirs": _display(field, theirs)}
    return Conflict(prefix, index, name, message)


def _display(field: forms.Field, value: Submitted) -> str:
    if isinstance(value, bool):
        return _("valittu") if value else _("ei valittu")
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(key): str(label) for key, label in choices}
        values = value if isinstance(value, list) else [value]
        shown = [labels.get(item, item) for item in values if item != ""]
        return ", ".join(shown) or _("(tyhjä)")
    text = str(value).strip()
    return Truncator(text).chars(300) if text else _("(tyhjä)")


def _put(data: QueryDict, key: str, value: Submitted) -> None:
    if isinstance(value, bool):
        if value:
            data[key] = "on"
    elif isinstance(value, list):
        data.setlist(key, value)
    else:
        data[key] = value


def _read_state(data: QueryDict, version: int) -> dict[str, Any] | None:
    try:
        state = signing.loads(data.get("loaded_state", ""), salt=_STATE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(state, dict) or state.get("version") != version:
        return None
    return state


def rebase(data: QueryDict, *, register: Register, loaded_version: int) -> RegisterEditor:
    """The officer's refused form, rebuilt on the register as it now is.

    ``register`` is freshly read. The returned editor is bound and validated, with a
    Finnish error on every field (or row) where the officer's change meets someone
    else's; the officer's other edits are kept and everything else shows the current
    register.
    """
    current = RegisterEditor.build(register=register)
    mine = RegisterEditor.build(register=register, data=data)
    state = _read_state(data, loaded_version)
    base_register: dict[str, Submitted] = state["register"] if state else {}
    base_parts: dict[str, dict[str, dict[str, Submitted]]] = state["parts"] if state else {}

    merged = QueryDict(mutable=True)
    conflicts: list[Conflict] = []
    theirs_values = _values(current.form, skip=RegisterForm.BOOKKEEPING)
    for name, mine_value in _values(mine.form, skip=RegisterForm.BOOKKEEPING).items():
        value, conflict = _merge(
            base_register.get(name) if state else None, mine_value, theirs_values[name]
        )
        _put(merged, current.form.add_prefix(name), value)
        if conflict:
            conflicts.append(_clash("", None, name, current.form.fields[name], theirs_values[name]))
    # The new category and the pasted lists are not in the register yet: kept as typed.
    for key in data:
        if key.startswith((f"{mine.new_category.prefix}-", f"{mine.paste.prefix}-")):
            merged.setlist(key, data.getlist(key))
    for prefix, formset in current.formsets.items():
        conflicts += _rebase_rows(
            merged,
            prefix=prefix,
            current=formset,
            mine=mine.formsets[prefix],
            base=base_parts.get(prefix, {}) if state else None,
        )
    merged["loaded_version"] = str(register.version)
    merged["loaded_state"] = current.form.fields["loaded_state"].initial

    rebased = RegisterEditor.build(register=register, data=merged)
    rebased.is_valid()
    for conflict in conflicts:
        if conflict.prefix:
            form = rebased.formsets[conflict.prefix].forms[conflict.index or 0]
        else:
            form = rebased.form
        form.add_error(conflict.field, conflict.message)
    return rebased


def _rebase_rows(
    merged: QueryDict,
    *,
    prefix: str,
    current: RegisterPartFormSet,
    mine: RegisterPartFormSet,
    base: dict[str, dict[str, Submitted]] | None,
) -> list[Conflict]:
    """Merge one part's rows by their identity, not their position on the page."""
    rows: list[tuple[str, dict[str, Submitted], bool]] = []  # (id, values, DELETE)
    conflicts: list[Conflict] = []
    mine_rows: dict[str, tuple[dict[str, Submitted], bool]] = {}
    new_rows: list[dict[str, Submitted]] = []
    for form in mine.forms:
        values = _values(form, skip=_ROW_BOOKKEEPING)
        deleted = bool(form["DELETE"].value()) if "DELETE" in form.fields else False
        row_id = str(form.data.get(form.add_prefix("id")) or "")
        if row_id:
            mine_rows[row_id] = (values, deleted)
        elif not deleted and form.has_changed():
            new_rows.append(values)

    for form in current.initial_forms:
        row_id = str(form.instance.pk)
        theirs = _values(form, skip=_ROW_BOOKKEEPING)
        if row_id not in mine_rows:
            rows.append((row_id, theirs, False))  # added by someone else
            continue
        values_mine, deleted = mine_rows.pop(row_id)
        base_row = None if base is None else base.get(row_id)
        if deleted:
            if base_row is not None and all(_same(theirs[n], base_row.get(n)) for n in theirs):
                rows.append((row_id, theirs, True))
            else:
                conflicts.append(
                    Conflict(
                        prefix,
                        len(rows),
                        None,
                        _(
                            "Poistit tämän rivin, mutta joku muu muutti sitä sillä välin. Rivi "
                            "on palautettu; poista se uudelleen, jos sitä ei tarvita."
                        ),
                    )
                )
                rows.append((row_id, theirs, False))
            continue
        values: dict[str, Submitted] = {}
        for name, theirs_value in theirs.items():
            value, conflict = _merge(
                None if base_row is None else base_row.get(name),
                values_mine.get(name, ""),
                theirs_value,
            )
            values[name] = value
            if conflict:
                conflicts.append(_clash(prefix, len(rows), name, form.fields[name], theirs_value))
        rows.append((row_id, values, False))
    initial_count = len(rows)
    # Rows the officer had that someone else deleted: kept only if the officer changed them.
    for row_id, (values_mine, deleted) in mine_rows.items():
        base_row = None if base is None else base.get(row_id)
        unchanged = base_row is not None and all(
            _same(values_mine[n], base_row.get(n)) for n in values_mine
        )
        if deleted or unchanged:
            continue
        conflicts.append(
            Conflict(
                prefix,
                len(rows),
                None,
                _(
                    "Joku muu poisti tämän rivin sillä välin. Se lisätään uudelleen sinun "
                    "tiedoillasi, jos tallennat; poista se, jos sitä ei enää tarvita."
                ),
            )
        )
        rows.append(("", values_mine, False))
    rows += [("", values, False) for values in new_rows]

    for index, (row_id, values, deleted) in enumerate(rows):
        _put(merged, f"{prefix}-{index}-id", row_id)
        _put(merged, f"{prefix}-{index}-DELETE", deleted)
        for name, value in values.items():
            _put(merged, f"{prefix}-{index}-{name}", value)
    merged[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    merged[f"{prefix}-INITIAL_FORMS"] = str(initial_count)
    merged[f"{prefix}-MIN_NUM_FORMS"] = "0"
    merged[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return conflicts
