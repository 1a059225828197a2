"""Model fields shared by the register domain."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

# Characters in one free-text field: more than a whole real Finnish privacy notice
# (4,000-7,000 characters), far more than any one section of one. A notice of many
# registers stays small enough to lay out as a PDF within PDF_RENDER_TIMEOUT.
FREE_TEXT_MAX_LENGTH = 10_000


class FreeTextField(models.TextField):
    """A free text whose length limit the model's own validation enforces.

    Django's TextField takes ``max_length`` only as the form textarea's attribute;
    this one also validates it, so the editor, the admin and the JSON import (which
    all call full_clean) refuse an over-long text with Django's Finnish message.
    """

    def __init__(self, *args: Any, max_length: int = FREE_TEXT_MAX_LENGTH, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs: Any) -> Any:
        field = super().formfield(**kwargs)
        # No maxlength attribute on the textarea: a browser silently cuts a pasted
        # text there. The form refuses it instead, with the text kept for editing.
        field.widget.attrs.pop("maxlength", None)
        return field
