from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from privacy_notices.checks import Finding
from privacy_notices.models import EarlierChange, NoticeRegister, PrivacyNotice
from registers.fields import SHORT_TEXT_LENGTH, FreeTextFormField, TickedChoicesField
from registers.forms import RegisterPartFormSet
from registers.models import Controller, Register


class DayInput(forms.DateInput):
    """A browser's own date picker; it submits an ISO date (also typed by hand: the
    field accepts the Finnish 30.9.2018 too)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PublishForm(forms.Form):
    """The change note, and a checkbox for each missing item published without.

    "Kuittaa kaikki" acknowledges every listed item at once; a reason is then
    required, and it is stored with each item's own acknowledgement (a later
    version may leave any one of them unacknowledged again). ``number`` is the
    number the new version gets: a second submit of the same page (a double click,
    the browser's back button) finds it taken and publishes nothing.
    """

    change_note = FreeTextFormField(
        label=_("Mitä muuttui?"),
        max_length=SHORT_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Näkyy selosteen kohdassa Päivitykset ja muutokset."),
    )
    acknowledged = forms.MultipleChoiceField(
        label=_("Julkaise puutteista huolimatta"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    acknowledge_all = forms.BooleanField(
        label=_("Kuittaa kaikki"),
        required=False,
        help_text=_("Kuittaa kerralla kaikki alla luetellut puutteet samalla perusteella."),
    )
    acknowledgement_reason = FreeTextFormField(
        label=_("Miksi julkaiset puutteista huolimatta?"),
        max_length=SHORT_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Tallennetaan jokaisen kuitatun puutteen kohdalle julkaistun version tietoihin. "
            "Pakollinen, kun kuittaat kaikki."
        ),
    )
    # Optional: a form posted without it (a script) publishes as before.
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(
        self,
        *args: Any,
        findings: list[Finding],
        number: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.missing = [f for f in findings if f.blocking]
        self.fields["number"].initial = number
        field = self.fields["acknowledged"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(f.code, f.text) for f in self.missing]
        if not self.missing:
            del self.fields["acknowledged"]
            del self.fields["acknowledge_all"]
            del self.fields["acknowledgement_reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.missing:
            return cleaned
        if cleaned.get("acknowledge_all"):
            cleaned["acknowledged"] = [f.code for f in self.missing]
            if not cleaned.get("acknowledgement_reason") and "acknowledgement_reason" not in (
                self.errors
            ):
                self.add_error(
                    "acknowledgement_reason",
                    forms.ValidationError(
                        _("Kerro, miksi julkaiset puutteista huolimatta, kun kuittaat kaikki."),
                        code="reason_required",
                    ),
                )
            return cleaned
        chosen = cleaned.get("acknowledged", [])
        left = [f for f in self.missing if f.code not in chosen]
        if left and "acknowledged" not in self.errors:
            self.add_error(
                "acknowledged",
                forms.ValidationError(
                    _(
                        "Seloste on puutteellinen. Korjaa puutteet tai kuittaa jokainen niistä "
                        "julkaistaksesi silti (%(count)s kuittaamatta)."
                    ),
                    params={"count": len(left)},
                    code="unacknowledged",
                ),
            )
        return cleaned

    def acknowledgements(self) -> dict[str, str]:
        """Each acknowledged item's code and the reason stated for it."""
        reason = self.cleaned_data.get("acknowledgement_reason", "")
        return dict.fromkeys(self.cleaned_data.get("acknowledged", []), reason)


class AddRegisterForm(forms.Form):
    """Add a register to one of the organisation's notices that lacks it (register page)."""

    notice = forms.ModelChoiceField(
        label=_("Seloste"),
        queryset=PrivacyNotice.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "Valitse jokin organisaation selosteista, jossa rekisteriä ei vielä ole."
            ),
            "required": _("Valitse seloste."),
        },
    )

    def __init__(self, *args: Any, register: Register, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register = register
        field = self.fields["notice"]
        assert isinstance(field, forms.ModelChoiceField)
        # Only this organisation's notices: another's id is an invalid choice.
        field.queryset = (
            PrivacyNotice.objects.for_controller(register.controller)
            .exclude(noticeregister__register=register)
            .order_by("title")
        )
        field.label_from_instance = lambda notice: notice.title

    @transaction.atomic
    def save(self) -> PrivacyNotice:
        """Add the register last in the notice, as ticking it on the notice's page does."""
        notice: PrivacyNotice = self.cleaned_data["notice"]
        links = NoticeRegister.objects.select_for_update().filter(notice=notice)
        last = max(links.values_list("position", flat=True), default=-1)
        NoticeRegister.objects.get_or_create(
            notice=notice, register=self.register, defaults={"position": last + 1}
        )
        return notice


class NoticeForm(forms.ModelForm):
    """A notice's own texts and the registers it covers.

    Registers keep their place in the notice; newly ticked ones go last.
    """

    registers = TickedChoicesField(
        label=_("Rekisterit"),
        queryset=Register.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Monen rekisterin seloste kertoo jokaisen kohdan kerran, rekisterit sen sisällä."
        ),
    )

    class Meta:
        model = PrivacyNotice
        fields = ["title", "slug", "intro", "drafted_on", "change_policy", "traditional_headings"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "drafted_on": DayInput(),
            "change_policy": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, controller: Controller, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.controller = controller
        self.instance.controller = controller
        field = self.fields["registers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Register.objects.for_controller(controller).active().order_by("name")
        if self.instance.pk:
            field.initial = list(self.instance.registers.values_list("pk", flat=True))

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        taken = PrivacyNotice.objects.for_controller(self.controller).filter(slug=slug)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Organisaatiolla on jo seloste tällä tunnisteella."), code="slug_taken"
            )
        return slug

    @transaction.atomic
    def save(self, commit: bool = True) -> PrivacyNotice:
        notice = super().save()
        chosen = list(self.cleaned_data["registers"])
        links = {link.register_id: link for link in NoticeRegister.objects.filter(notice=notice)}
        NoticeRegister.objects.filter(notice=notice).exclude(
            register__in=[r.pk for r in chosen]
        ).delete()
        last = max((link.position for link in links.values()), default=-1)
        for register in chosen:
            if register.pk not in links:
                last += 1
                NoticeRegister.objects.create(notice=notice, register=register, position=last)
        return notice


class EarlierChangeForm(forms.ModelForm):
    class Meta:
        model = EarlierChange
        fields = ["date", "text"]
        widgets = {"date": DayInput(), "text": forms.Textarea(attrs={"rows": 2})}


class EarlierHistoryFormSetBase(RegisterPartFormSet):
    """A register part's formset in all but name: the same refusal of forged management
    numbers. Its rows are ordered by date, so they have no position to keep."""

    def clean(self) -> None:
        super().clean()
        # Django quietly skips a row whose id is not one of this notice's (deleted
        # meanwhile, or forged): say so, rather than lose what was typed into it.
        for form in self.initial_forms:
            if form.instance.pk is None and not self._should_delete_form(form):
                form.add_error("id", _("Tätä riviä ei enää ole."))


EarlierHistoryFormSet = inlineformset_factory(
    PrivacyNotice,
    EarlierChange,
    form=EarlierChangeForm,
    formset=EarlierHistoryFormSetBase,
    # One empty row, so that a line can be added without the page's script.
    extra=1,
    can_delete=True,
)
