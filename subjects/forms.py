"""Forms of the public request page and of the officer's inbox."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from registers.fields import SHORT_TEXT_LENGTH, TEXT_LENGTH, FreeTextFormField
from registers.models import Register
from registers.validators import validate_visible_text
from subjects.models import (
    MAX_EXTENSION_MONTHS,
    OPEN_STATUSES,
    ReplyTemplate,
    RequestPolicy,
    RequestStatus,
    RequestType,
    SubjectRequest,
)
from subjects.offer import Offer

UNKNOWN_REGISTER = "en-tieda"

phone_validator = RegexValidator(
    re.compile(r"^\+?[0-9 ()\-]{5,40}$"),
    _("Kirjoita puhelinnumero numeroina, esim. 040 123 4567 tai +358 40 123 4567."),
)


class RequestForm(forms.Form):
    """The public form: what the person asks for, about which registers, and how to
    reach them. Only the rights and registers of the published notices are offered."""

    request_type = forms.ChoiceField(
        label=_("Mitä pyydät?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Valitse, mitä pyydät.")},
    )
    registers = forms.MultipleChoiceField(
        label=_("Mitä rekisteriä pyyntö koskee?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Valitse yksi tai useampi. Jos et tiedä, jätä valitsematta tai valitse ”En tiedä”."
        ),
    )
    name = forms.CharField(
        label=_("Nimesi"),
        max_length=200,
        validators=[validate_visible_text],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Kirjoita nimesi.")},
    )
    email = forms.EmailField(
        label=_("Sähköpostiosoitteesi"),
        max_length=254,
        help_text=_("Lähetämme tähän osoitteeseen vahvistuslinkin ja vastauksen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Kirjoita sähköpostiosoitteesi."),
            "invalid": _("Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi."),
        },
    )
    phone = forms.CharField(
        label=_("Puhelinnumero (vapaaehtoinen)"),
        max_length=40,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    message = FreeTextFormField(
        label=_("Viesti (vapaaehtoinen)"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Kerro tarvittaessa tarkemmin, mitä pyydät, esim. minkä ajan tietoja tai mitä "
            "käsittelyä vastustat ja miksi."
        ),
    )
    correction = FreeTextFormField(
        label=_("Mitä tietoja pitäisi korjata ja miten? (tietojen oikaiseminen)"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Täytä, jos pyydät tietojen oikaisemista."),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled by bots. The view
    # reads it before the form (subjects/public_views.py).
    homepage = forms.CharField(
        label=_("Jätä tämä kenttä tyhjäksi"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        type_field = self.fields["request_type"]
        assert isinstance(type_field, forms.ChoiceField)
        type_field.choices = [
            (offered.request_type.value, offered.request_type.label) for offered in offer.types
        ]
        register_field = self.fields["registers"]
        assert isinstance(register_field, forms.MultipleChoiceField)
        register_field.choices = [(str(pk), name) for pk, name in offer.registers] + [
            (UNKNOWN_REGISTER, _("En tiedä"))
        ]

    def clean_registers(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["registers"]
        # A person need not know how the organisation names its registers.
        return chosen or [UNKNOWN_REGISTER]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("request_type") == RequestType.RECTIFICATION and not cleaned.get(
            "correction"
        ):
            self.add_error(
                "correction", _("Kerro, mitä tietoja pitäisi korjata ja miten ne ovat oikein.")
            )
        return cleaned

    def chosen_registers(self) -> tuple[list[int], bool]:
        chosen = self.cleaned_data["registers"]
        return [int(pk) for pk in chosen if pk != UNKNOWN_REGISTER], UNKNOWN_REGISTER in chosen


class InboxFilterForm(forms.Form):
    """The inbox's filters, read from the query string; a bad value is ignored."""

    OPEN = "avoimet"
    ALL = "kaikki"
    DUE_CHOICES = [
        ("", _("Kaikki määräpäivät")),
        ("myohassa", _("Myöhässä")),
        ("viikko", _("Erääntyy 7 päivän kuluessa")),
    ]

    tila = forms.ChoiceField(label=_("Tila"), required=False)
    tyyppi = forms.ChoiceField(label=_("Tyyppi"), required=False)
    rekisteri = forms.TypedChoiceField(label=_("Rekisteri"), required=False, coerce=int)
    maara = forms.ChoiceField(label=_("Määräpäivä"), required=False, choices=DUE_CHOICES)
    paattyen = forms.DateField(
        label=_("Määräpäivä viimeistään"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, registers: list[Register], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status_field = self.fields["tila"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [
            (self.OPEN, _("Avoimet")),
            (self.ALL, _("Kaikki")),
            *[(s.value, s.label) for s in RequestStatus if s != RequestStatus.UNCONFIRMED],
        ]
        type_field = self.fields["tyyppi"]
        assert isinstance(type_field, forms.ChoiceField)
        type_field.choices = [("", _("Kaikki tyypit")), *RequestType.choices]
        register_field = self.fields["rekisteri"]
        assert isinstance(register_field, forms.TypedChoiceField)
        register_field.choices = [("", _("Kaikki rekisterit"))] + [
            (r.pk, r.name) for r in registers
        ]

    def filter(self, requests: Any, today: date) -> Any:
        # A bad value in one filter drops that filter only: the valid ones still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("tila") or self.OPEN
        if status == self.OPEN:
            requests = requests.filter(status__in=OPEN_STATUSES)
        elif status != self.ALL:
            requests = requests.filter(status=status)
        if data.get("tyyppi"):
            requests = requests.filter(request_type=data["tyyppi"])
        if data.get("rekisteri"):
            requests = requests.filter(registers=data["rekisteri"])
        if data.get("maara") == "myohassa":
            requests = requests.overdue(today)
        elif data.get("maara") == "viikko":
            requests = requests.soon_due(today)
        if data.get("paattyen"):
            requests = requests.filter(due_on__lte=data["paattyen"])
        return requests


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Uusi tila"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, request: SubjectRequest, **kwargs: Any) -> None:
        # Shown beside the ReplyForm and its own status field: ids of their own.
        kwargs.setdefault("auto_id", "id_change_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        # A refusal goes with its message (ReplyForm), never silently.
        field.choices = [
            (s.value, s.label) for s in request.next_statuses() if s != RequestStatus.REFUSED
        ]


class ReplyForm(forms.Form):
    subject = forms.CharField(
        label=_("Otsikko"), max_length=200, validators=[validate_visible_text]
    )
    body = FreeTextFormField(
        label=_("Viesti"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 12})
    )
    status = forms.ChoiceField(label=_("Muuta samalla tila"), required=False)
    reason = FreeTextFormField(
        label=_("Hylkäämisen syy (12 art. 4 kohta)"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pakollinen, kun pyyntö hylätään. Viestin kohta {perustelu} korvataan tällä."),
    )

    def __init__(self, *args: Any, request: SubjectRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Ei muutosta"))] + [
            (s.value, s.label) for s in request.next_statuses()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == RequestStatus.REFUSED and not cleaned.get("reason"):
            self.add_error("reason", _("Kirjoita hylkäämisen syy (12 art. 4 kohta)."))
        return cleaned


class ExtensionForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Jatkoaika yhteensä"), coerce=int, widget=forms.RadioSelect
    )
    reason = FreeTextFormField(
        label=_("Viivästymisen syy"),
        max_length=SHORT_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kerrotaan pyytäjälle (12 art. 3 kohta). Viestin kohta {perustelu} korvataan tällä."
        ),
    )
    subject = forms.CharField(
        label=_("Viestin otsikko"), max_length=200, validators=[validate_visible_text]
    )
    body = FreeTextFormField(
        label=_("Viesti pyytäjälle"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args: Any, request: SubjectRequest, **kwargs: Any) -> None:
        # Shown on the page of the ReplyForm, whose subject, body and reason would
        # otherwise share their ids (and labels) with these.
        kwargs.setdefault("auto_id", "id_extension_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["months"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (n, _("%(n)s kk") % {"n": n})
            for n in range(request.extension_months + 1, MAX_EXTENSION_MONTHS + 1)
        ]


class NoteForm(forms.Form):
    text = FreeTextFormField(
        label=_("Muistiinpano"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vain organisaation jäsenten nähtävissä; ei lähetetä pyytäjälle."),
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = RequestPolicy
        fields = ["retention_months"]

    def clean_retention_months(self) -> int:
        months: int = self.cleaned_data["retention_months"]
        if not 1 <= months <= 120:
            raise forms.ValidationError(_("Anna säilytysaika 1–120 kuukautena."))
        return months


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
