"""Editing a whole register on one page: its forms, and the save that cannot lose an edit.

The save is one transaction: every form and formset is validated first, and the
register row is then locked and its version compared with the one the officer
loaded. A save made on a stale copy is refused with the changes made since, so
that nobody overwrites a colleague's edit without seeing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import QueryDict

from registers.forms import PART_FORMSETS, NewDataCategoryForm, RegisterForm, RegisterPartFormSet
from registers.history import Change, register_changes, superseded_at
from registers.models import Register


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
        )
        if read_only:
            editor.disable()
        return editor

    def disable(self) -> None:
        """Show everything, change nothing: the page of a viewer."""
        for form in self.all_forms():
            for field in form.fields.values():
                field.disabled = True

    def all_forms(self) -> list[Any]:
        forms: list[Any] = [self.form, self.new_category]
        for formset in self.formsets.values():
            forms += formset.forms
        return forms

    def is_valid(self) -> bool:
        # Validate everything (not all() with its short-circuit) so that every
        # error is shown at once.
        results = [self.form.is_valid(), self.new_category.is_valid()]
        results += [formset.is_valid() for formset in self.formsets.values()]
        return all(results)

    @property
    def loaded_version(self) -> int:
        return int(self.form.cleaned_data["loaded_version"])


def save_register(*, editor: RegisterEditor) -> Register:
    """Save a validated editor in one transaction; raise StaleRegisterError if stale."""
    register = editor.register
    with transaction.atomic():
        current = Register.objects.select_for_update().only("version").get(pk=register.pk)
        if current.version != editor.loaded_version:
            raise StaleRegisterError(
                current_version=current.version,
                changes=register_changes(
                    register, since=superseded_at(register, editor.loaded_version)
                ),
            )
        register = editor.form.save(commit=False)
        # Every save bumps the version, also one that changed only parts or ticks.
        register.version = current.version + 1
        register.save()
        if editor.new_category.wanted:
            category = editor.new_category.save()
            ticked = list(editor.form.cleaned_data["data_categories"])
            editor.form.cleaned_data["data_categories"] = [*ticked, category]
        editor.form.save_m2m()
        for formset in editor.formsets.values():
            formset.save_parts()
    return register


def stale_data(data: QueryDict, *, current_version: int) -> QueryDict:
    """The officer's input, to be shown again against the current version."""
    data = data.copy()
    data["loaded_version"] = str(current_version)
    return data
