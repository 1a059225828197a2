"""Model fields shared by the register domain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from registers.validators import (
    remove_invisible_characters,
    validate_visible_free_text,
    validate_visible_text,
)

# Characters in one free text, by kind. A whole real Finnish privacy notice runs to
# 5,000-7,000 characters and its longest paragraph to about 600 (/work/shared/seeds),
# the demo data's longest text to about 800, so each limit leaves a wide margin for
# real text and still keeps a notice of many registers small enough to lay out as a
# PDF within PDF_RENDER_TIMEOUT.
#
# One item's description, a few sentences: a data category, a purpose.
SHORT_TEXT_LENGTH = 2_000
# A section's explanation, a few paragraphs: how consent is withdrawn.
TEXT_LENGTH = 5_000
# The longest explanations: what a register covers, automated decisions, the
# joint-controller arrangement, how to exercise one's rights, the notice's intro.
LONG_TEXT_LENGTH = 10_000


class FreeTextFormField(forms.CharField):
    """A textarea's text, its line breaks counted as the browser counts them.

    Browsers submit a textarea's line breaks as CRLF but count (and show) each as one
    character, so "\\r\\n" becomes "\\n" before the length is checked and stored.

    Invisible characters other than line breaks and tabs are removed, not refused: a
    text pasted from a word processor brings zero-width spaces and soft hyphens that
    the officer cannot see, let alone find and delete (registers.validators).
    """

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
            value = remove_invisible_characters(value)
            if self.strip:
                value = value.strip()
            if value in self.empty_values:
                return self.empty_value
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and "maxlength" in attrs:
            # No maxlength attribute: a browser silently cuts a pasted text at it, and
            # an officer pasting a notice from a document would lose its end unawares.
            # The form refuses an over-long text with the text kept for editing, and
            # the editor's script shows a counter near the limit instead.
            del attrs["maxlength"]
            attrs["data-max-length"] = str(self.max_length)
            attrs["data-length-counter"] = _("%(count)s / %(limit)s merkkiä")
            attrs["data-length-over"] = _(
                "%(count)s / %(limit)s merkkiä: lyhennä tekstiä %(excess)s merkillä."
            )
        return attrs


class FreeTextField(models.TextField):
    """A free text whose length limit the model's own validation enforces.

    Django's TextField passes ``max_length`` only to the form; this one also
    validates it, so the editor, the admin and the JSON import (which all call
    full_clean) refuse an over-long text with Django's Finnish message. The limit is
    one of SHORT_TEXT_LENGTH, TEXT_LENGTH and LONG_TEXT_LENGTH, chosen for each field.
    Invisible characters other than line breaks and tabs are refused the same way;
    the form field removes them before they get here.
    """

    default_validators = [validate_visible_free_text]

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": FreeTextFormField, **kwargs})


# One-line texts: names, addresses, titles. Each is published as it is, so each
# refuses invisible characters with a message naming them (registers.validators);
# unlike a free text's, they are not removed silently, since a one-line value is
# short enough to retype and a changed name should not go unnoticed.


class VisibleCharField(models.CharField):
    """A one-line text that refuses invisible characters (tabs and line breaks too)."""

    default_validators = [validate_visible_text]


class VisibleEmailField(models.EmailField):
    """An e-mail address; Django's validator lets invisible characters in its domain."""

    default_validators = [*models.EmailField.default_validators, validate_visible_text]


class VisibleURLField(models.URLField):
    """A web address; Django's validator lets invisible characters in its host and path."""

    default_validators = [*models.URLField.default_validators, validate_visible_text]


# The range of a 64-bit signed integer, the largest id column of the supported databases.
_LARGEST_ID = 2**63 - 1


class TickedChoicesField(forms.ModelMultipleChoiceField):
    """Ticked rows by id; an id no database column can hold is an invalid choice.

    Django looks the ids up with one ``__in`` query, which SQLite answers with an
    OverflowError (a server error) for an integer beyond 64 bits; a single choice's
    exact lookup handles it, this does not. A forged form is refused like any other
    invalid choice instead.
    """

    def _check_values(self, value: Any) -> Any:
        for pk in value or ():
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django refuses it as it is.
            if abs(number) > _LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
