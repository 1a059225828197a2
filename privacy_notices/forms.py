from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy_notices.checks import Finding


class PublishForm(forms.Form):
    """The change note, and a checkbox for each missing item published without."""

    change_note = forms.CharField(
        label=_("Mitä muuttui?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Näkyy selosteen kohdassa Päivitykset ja muutokset."),
    )
    acknowledged = forms.MultipleChoiceField(
        label=_("Julkaise puutteista huolimatta"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, findings: list[Finding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.missing = [f for f in findings if f.blocking]
        field = self.fields["acknowledged"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(f.code, f.text) for f in self.missing]
        if not self.missing:
            del self.fields["acknowledged"]

    def clean_acknowledged(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["acknowledged"]
        left = [f for f in self.missing if f.code not in chosen]
        if left:
            raise forms.ValidationError(
                _(
                    "Seloste on puutteellinen. Korjaa puutteet tai kuittaa jokainen niistä "
                    "julkaistaksesi silti (%(count)s kuittaamatta)."
                ),
                params={"count": len(left)},
                code="unacknowledged",
            )
        return chosen
