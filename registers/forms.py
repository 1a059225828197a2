"""Forms of the privacy officer's editor.

Every choice a form offers comes from the editing user's own controller, so a
forged POST naming another organisation's row fails validation like any other
invalid choice.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import ErrorDict
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from registers.fields import TickedChoicesField
from registers.models import (
    PROVISION_CONSEQUENCE_SUGGESTIONS,
    WITHDRAWN_SAFEGUARDS,
    Controller,
    ControllerOwned,
    Cookie,
    DataCategory,
    DataCategoryKind,
    DataSubjectCategory,
    DataSubjectRight,
    Membership,
    MembershipRole,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    RightProcedure,
    SecurityMeasure,
    Source,
    SourceOrigin,
    Transfer,
)
from registers.onboarding import suggested_slug
from registers.pasting import PastedList, line_errors, read_list
from registers.validators import validate_visible_text

SHORT_TEXT = {"rows": 2}


class ControllerOwnedForm(forms.ModelForm):
    """A form for a row of one controller, which the view passes in.

    The controller is not a form field, but the model's constraints that involve
    it (unique names per controller) are still validated, so a duplicate is a
    form error next to the field instead of a database error.
    """

    def __init__(self, *args: Any, controller: Controller, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.controller = controller
        self.instance.controller = controller
        if "position" in self.fields and self.instance._state.adding:
            # A new library item goes at the end of the library, not to the top.
            self.fields["position"].initial = self._meta.model.objects.for_controller(
                controller
            ).next_position()

    def _get_validation_exclusions(self) -> set[str]:
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("controller")
        return exclusions


# --- How each right is exercised --------------------------------------------------------

# Where a right holds only for some registers, the editor says so: a text for a right
# the notice does not include is not published (privacy_notices.rendering).
RIGHT_HINTS = {
    DataSubjectRight.ACCESS: _(
        "Esim. miten tarkastuspyyntö tehdään ja miten tiedot annetaan (15 art., 12 art. 3 kohta)."
    ),
    DataSubjectRight.RECTIFICATION: _(
        "Esim. miten virheellinen tieto pyydetään oikaisemaan (16 art.)."
    ),
    DataSubjectRight.ERASURE: _(
        "Esim. mitä tietoja ei voi poistaa ja miksi, kuten kirjanpitolain säilytysvelvollisuus "
        "(17 art. 3 kohta)."
    ),
    DataSubjectRight.RESTRICTION: _("Esim. miten käsittelyn rajoittamista pyydetään (18 art.)."),
    DataSubjectRight.DIRECT_MARKETING: _(
        "Esim. miten suoramarkkinoinnin voi kieltää; oikeus on aina (21 art. 2 ja 3 kohta)."
    ),
    DataSubjectRight.PORTABILITY: _(
        "Julkaistaan vain rekistereille, joiden käsittely perustuu suostumukseen tai "
        "sopimukseen (20 art.)."
    ),
    DataSubjectRight.OBJECTION: _(
        "Julkaistaan vain rekistereille, joiden käsittely perustuu oikeutettuun etuun tai "
        "yleiseen etuun (21 art. 1 kohta)."
    ),
    DataSubjectRight.WITHDRAW_CONSENT: _(
        "Julkaistaan vain rekistereille, joiden käsittely perustuu suostumukseen (7 art. 3 kohta)."
    ),
    DataSubjectRight.AUTOMATED_DECISIONS: _(
        "Julkaistaan vain rekistereille, joissa tehdään pelkästään automaattiseen käsittelyyn "
        "perustuvia päätöksiä (22 art.)."
    ),
}
RIGHT_FIELD_PREFIX = "right_"
RIGHTS_LEAD = _(
    "Oikeuskohtaiset ohjeet näkyvät selosteessa kunkin oikeuden alla, esim. että "
    "tarkastuspyyntö tehdään kirjallisesti tai mitä tietoja ei voi poistaa ja miksi. Ne "
    "koskevat kaikkia organisaation rekistereitä; yhtä rekisteriä koskevan tekstin voi "
    "kirjoittaa rekisterin sivulle. Tyhjä kenttä = ei tekstiä."
)


def right_field_name(right: str) -> str:
    return f"{RIGHT_FIELD_PREFIX}{right}"


class RightProcedureFields:
    """One textarea per data subject right: the organisation's own text on how the
    right is exercised, shown under the right in the notice (GDPR Art. 12(2), 15-22).

    An empty textarea means no text: saving deletes the row.
    """

    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]

    def add_right_fields(self, procedures: QuerySet[RightProcedure] | None) -> list[str]:
        texts = {p.right: p.text for p in procedures} if procedures is not None else {}
        model_field = RightProcedure._meta.get_field("text")
        names = []
        for right in DataSubjectRight:
            name = right_field_name(right)
            self.fields[name] = model_field.formfield(
                label=right.label,
                required=False,
                help_text=RIGHT_HINTS.get(right, ""),
                widget=forms.Textarea(attrs=SHORT_TEXT),
            )
            self.initial.setdefault(name, texts.get(right, ""))
            names.append(name)
        return names

    def right_bound_fields(self) -> list[forms.BoundField]:
        """The textareas in DataSubjectRight order, for a template to loop over."""
        return [self[right_field_name(right)] for right in DataSubjectRight.values]  # type: ignore[index]

    def right_texts(self) -> dict[str, str]:
        """{right: text} as typed; an empty text deletes the right's row on save."""
        return {
            right: self.cleaned_data.get(right_field_name(right)) or ""
            for right in DataSubjectRight.values
        }


# --- Controller details and libraries --------------------------------------------------


# The controller's details in the order and groups of a Finnish notice's first
# sections; the admin uses the same groups.
CONTROLLER_SECTIONS: list[tuple[str, list[str]]] = [
    (_("Perustiedot"), ["name", "trade_name", "short_name", "business_id"]),
    (
        _("Yhteystiedot"),
        [
            "street_address",
            "postal_code",
            "city",
            "country",
            "email",
            "phone",
            "website",
            "representative",
        ],
    ),
    (_("Yhteyshenkilö"), ["contact_name", "contact_email", "contact_phone"]),
    (_("Tietosuojavastaava"), ["dpo_appointed", "dpo_name", "dpo_email", "dpo_phone"]),
    (
        _("Valvontaviranomainen"),
        [
            "authority_name",
            "authority_address",
            "authority_visiting_address",
            "authority_email",
            "authority_phone",
            "authority_website",
        ],
    ),
    (_("Rekisteröidyn oikeudet"), ["rights_instructions"]),
]


class ControllerForm(RightProcedureFields, forms.ModelForm):
    class Meta:
        model = Controller
        # The slug is left to the administrator: it is part of published URLs.
        fields = [name for _title, names in CONTROLLER_SECTIONS for name in names]
        widgets = {"representative": forms.Textarea(attrs=SHORT_TEXT)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        right_fields = self.add_right_fields(
            self.instance.right_procedures.filter(register=None) if self.instance.pk else None
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        *sections, (rights_title, rights_names) = CONTROLLER_SECTIONS
        self.helper.layout = Layout(
            *(Fieldset(title, *names) for title, names in sections),
            # The per-right texts follow the general instructions (GDPR Art. 12(2)).
            Fieldset(
                rights_title,
                *rights_names,
                HTML(format_html('<p class="small text-body-secondary">{}</p>', RIGHTS_LEAD)),
                *right_fields,
                css_id="oikeudet",
            ),
        )

    @transaction.atomic
    def save(self, commit: bool = True) -> Controller:
        controller: Controller = super().save(commit=commit)
        if commit:
            RightProcedure.objects.save_texts(
                controller=controller, register=None, texts=self.right_texts()
            )
        return controller


class DataCategoryForm(ControllerOwnedForm):
    class Meta:
        model = DataCategory
        fields = ["name", "kind", "special_condition", "law_reference", "description", "position"]
        widgets = {"description": forms.Textarea(attrs=SHORT_TEXT)}


class NewDataCategoryForm(ControllerOwnedForm):
    """A new library data category added from the register page, ticked on save."""

    prefix = "new_category"

    class Meta:
        model = DataCategory
        fields = ["name", "kind", "special_condition"]
        labels = {"name": _("Uuden tietoryhmän nimi")}
        help_texts = {"name": _("Esim. ”Laskutustiedot”; tallentuu myös kirjastoon (14 art. 1 d).")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    @property
    def wanted(self) -> bool:
        """True when the officer typed a new category; an untouched form is ignored."""
        return self.is_bound and bool(self.data.get(self.add_prefix("name"), "").strip())

    def full_clean(self) -> None:
        if not self.wanted:
            self.cleaned_data = {}
            self._errors = ErrorDict()
            return
        self.fields["name"].required = True
        super().full_clean()

    def save(self, commit: bool = True) -> DataCategory:
        # At the end of the library (the form has no position field).
        self.instance.position = DataCategory.objects.for_controller(
            self.controller
        ).next_position()
        return super().save(commit=commit)


class RecipientForm(ControllerOwnedForm):
    class Meta:
        model = Recipient
        fields = ["name", "role", "country", "description", "position"]
        widgets = {"description": forms.Textarea(attrs=SHORT_TEXT)}


class SourceForm(ControllerOwnedForm):
    class Meta:
        model = Source
        fields = ["name", "origin", "is_public", "description", "position"]
        widgets = {"description": forms.Textarea(attrs=SHORT_TEXT)}


class SecurityMeasureForm(ControllerOwnedForm):
    class Meta:
        model = SecurityMeasure
        fields = ["title", "material", "text", "position"]


class LibraryPasteForm(ControllerOwnedForm):
    """A list pasted into a library: one new item per line (registers.pasting).

    The model fields of the form (a recipient's role, a data category's kind) are
    given to every new item. Lines that name an existing item are skipped and told
    in ``pasted.skipped``; a line the model refuses is an error on the list, and
    nothing is saved.
    """

    text = forms.CharField(
        label=_("Luettelo"),
        help_text=_(
            "Yksi kohde riville. Luettelomerkit ja numerointi (•, -, 1., a) poistetaan, "
            "tyhjät rivit ja kirjastossa jo olevat kohteet ohitetaan."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.items: list[ControllerOwned] = []
        self.pasted = PastedList()
        if "text" not in cleaned or any(name in self.errors for name in self._meta.fields):
            return cleaned
        model = self._meta.model
        names = model.objects.for_controller(self.controller).values_list("name", flat=True)
        self.pasted = read_list(cleaned["text"]).without(names, reason=_("on jo kirjastossa"))
        if not self.pasted.lines and not self.pasted.skipped:
            self.add_error("text", _("Liitä luettelo: yksi kohde riville."))
            return cleaned
        shared = {name: cleaned[name] for name in self._meta.fields if name in cleaned}

        def build(name: str) -> ControllerOwned:
            return model(controller=self.controller, name=name, **shared)

        errors = line_errors(self.pasted.lines, build=build, field_name="name")
        if errors:
            self.add_error("text", errors)
        else:
            self.items = [build(line.text) for line in self.pasted.lines]
        return cleaned


def library_paste_form(model: type[Model], fields: list[str]) -> type[LibraryPasteForm]:
    return forms.modelform_factory(model, form=LibraryPasteForm, fields=fields)


# --- Registers --------------------------------------------------------------------------


class RegisterCreateForm(ControllerOwnedForm):
    class Meta:
        model = Register
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs=SHORT_TEXT)}


class RegisterCopyForm(forms.Form):
    # Register.copy() saves without full_clean, so the name's model validator is here too.
    name = forms.CharField(
        label=_("Uuden rekisterin nimi"), max_length=200, validators=[validate_visible_text]
    )

    def __init__(self, *args: Any, controller: Controller, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.controller = controller

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if Register.objects.for_controller(self.controller).filter(name=name).exists():
            raise forms.ValidationError(_("Organisaatiolla on jo tämänniminen rekisteri."))
        return name


LIBRARY_TICKS = ("data_categories", "sources", "recipients", "security_measures")


class RegisterForm(RightProcedureFields, ControllerOwnedForm):
    """The register's own fields, its ticks from the organisation's libraries, and its
    own texts on how each right is exercised (``RightProcedureFields``)."""

    # The version the officer loaded; a save on an older one is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # What the page showed when loaded, signed (registers.editing.rebase).
    loaded_state = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    BOOKKEEPING = frozenset({"loaded_version", "loaded_state"})

    class Meta:
        model = Register
        fields = [
            "name",
            "description",
            "purposes_note",
            "consent_withdrawal",
            "data_categories",
            "sources",
            "informing_timing",
            "informing_exemption",
            "recipients_statement",
            "recipients",
            "recipients_note",
            "transfers_statement",
            "transfers_note",
            "security_measures",
            "automated_decisions",
            "profiling",
            "automated_decisions_description",
            "automated_decision_exception",
            "provision_requirement",
            "provision_consequences",
            "covers_website",
            "cookies_note",
            "joint_controller_arrangement",
        ]
        widgets = {
            "description": forms.Textarea(attrs=SHORT_TEXT),
            "purposes_note": forms.Textarea(attrs=SHORT_TEXT),
            "consent_withdrawal": forms.Textarea(attrs=SHORT_TEXT),
            "recipients_note": forms.Textarea(attrs=SHORT_TEXT),
            "transfers_note": forms.Textarea(attrs=SHORT_TEXT),
            "informing_timing": forms.Textarea(attrs=SHORT_TEXT),
            "informing_exemption": forms.Textarea(attrs=SHORT_TEXT),
            "automated_decisions_description": forms.Textarea(attrs=SHORT_TEXT),
            "provision_consequences": forms.Textarea(attrs=SHORT_TEXT),
            "cookies_note": forms.Textarea(attrs=SHORT_TEXT),
            "joint_controller_arrangement": forms.Textarea(attrs=SHORT_TEXT),
            **dict.fromkeys(LIBRARY_TICKS, forms.CheckboxSelectMultiple),
        }
        field_classes = dict.fromkeys(LIBRARY_TICKS, TickedChoicesField)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        for name in LIBRARY_TICKS:
            field = self.fields[name]
            field.queryset = field.queryset.filter(controller=self.controller)
        # Flag Art. 9 and 10 categories and the identity code where they are ticked.
        self.fields["data_categories"].label_from_instance = _category_label
        self.fields["security_measures"].label_from_instance = _measure_label
        self.fields["sources"].label_from_instance = _source_label
        # Texts for this register only, shown after the organisation's own.
        self.right_fields = self.add_right_fields(self.instance.right_procedures.all())

    def save_right_procedures(self) -> None:
        RightProcedure.objects.save_texts(
            controller=self.controller, register=self.instance, texts=self.right_texts()
        )

    @property
    def provision_suggestions(self) -> list[tuple[str, str, str]]:
        """(requirement, its label, the standard consequence text), for the page."""
        return [
            (requirement.value, str(requirement.label), str(text))
            for requirement, text in PROVISION_CONSEQUENCE_SUGGESTIONS.items()
        ]


class RegisterPasteForm(forms.Form):
    """Lists pasted into the register page's parts, applied when the page is saved.

    Each line of ``subjects`` adds a data subject group; each line of a library
    field ticks the library item of that name, added to the library if it has none.
    The lines are validated with the page (an error keeps the page unsaved); what
    exists is looked up at save, inside the save's transaction
    (registers.editing.save_register).
    """

    prefix = "paste"
    # Field -> the model whose name each line is.
    TARGETS: dict[str, type[Model]] = {
        "subjects": DataSubjectCategory,
        "data_categories": DataCategory,
        "sources": Source,
        "recipients": Recipient,
    }

    ARTICLES = {
        "subjects": _("30 art. 1 c"),
        "data_categories": _("14 art. 1 d"),
        "sources": _("14 art. 2 f"),
        "recipients": _("13 art. 1 e"),
    }

    subjects = forms.CharField(label=_("Liitä ryhmät luettelona"))
    data_categories = forms.CharField(label=_("Liitä tietoryhmät luettelona"))
    sources = forms.CharField(label=_("Liitä tietolähteet luettelona"))
    recipients = forms.CharField(label=_("Liitä vastaanottajat luettelona"))

    def __init__(self, *args: Any, register: Register, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register = register
        self.pasted: dict[str, PastedList] = {}
        for name, field in self.fields.items():
            field.required = False
            field.strip = False
            field.widget = forms.Textarea(attrs={"rows": 4})
            field.help_text = (
                _(
                    "Yksi ryhmä riville; ryhmät lisätään, kun tallennat rekisterin. "
                    "Luettelomerkit ja numerointi poistetaan, tyhjät ja toistuvat rivit ohitetaan."
                )
                if name == "subjects"
                else _(
                    "Yksi kohde riville. Kun tallennat rekisterin, jokainen rivi valitaan "
                    "kirjastosta samannimisenä tai lisätään kirjaston loppuun ja valitaan."
                )
            )
            # The article of the list the lines go into (its help text is above).
            field.help_text = format_lazy("{} ({})", field.help_text, self.ARTICLES[name])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, model in self.TARGETS.items():
            pasted = read_list(cleaned.get(name) or "")
            self.pasted[name] = pasted
            if not pasted.lines:
                continue

            def build(text: str, model: type[Model] = model) -> Model:
                if model is DataSubjectCategory:
                    return DataSubjectCategory(register=self.register, name=text)
                return model(controller=self.register.controller, name=text)

            errors = line_errors(pasted.lines, build=build, field_name="name")
            if errors:
                self.add_error(name, errors)
        return cleaned

    @property
    def wanted(self) -> bool:
        return any(pasted.lines or pasted.skipped for pasted in self.pasted.values())


def _category_label(category: DataCategory) -> str:
    if category.kind == DataCategoryKind.ORDINARY:
        return category.name
    return f"{category.name} ({category.get_kind_display()})"


def _source_label(source: Source) -> str:
    # GDPR Art. 13 or 14: the officer sees which one each ticked source brings in.
    origin = {
        SourceOrigin.DATA_SUBJECT: _("rekisteröity itse"),
        SourceOrigin.OTHER: _("muu lähde"),
    }.get(SourceOrigin(source.origin))
    return f"{source.name} ({origin})" if origin else source.name


def _measure_label(measure: SecurityMeasure) -> str:
    return f"{measure.title} ({measure.get_material_display()})"


class PurposeForm(forms.ModelForm):
    class Meta:
        model = Purpose
        fields = ["description", "legal_basis", "legitimate_interest", "law_reference"]
        widgets = {
            "description": forms.Textarea(attrs=SHORT_TEXT),
            "legitimate_interest": forms.Textarea(attrs=SHORT_TEXT),
        }


class DataSubjectCategoryForm(forms.ModelForm):
    class Meta:
        model = DataSubjectCategory
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs=SHORT_TEXT)}


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["recipient", "country", "safeguard", "safeguard_details"]
        widgets = {"safeguard_details": forms.Textarea(attrs=SHORT_TEXT)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A withdrawn safeguard (Privacy Shield) is offered only to a row that has it.
        field = self.fields["safeguard"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (value, label)
            for value, label in field.choices
            if value not in WITHDRAWN_SAFEGUARDS or value == self.instance.safeguard
        ]


class RetentionRuleForm(forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = ["data_category", "period", "period_unit", "starts_from", "criteria"]
        widgets = {"criteria": forms.Textarea(attrs=SHORT_TEXT)}


class CookieForm(forms.ModelForm):
    class Meta:
        model = Cookie
        fields = [
            "name",
            "purpose",
            "provider",
            "duration",
            "description",
            "opt_out",
            "opt_out_url",
        ]
        widgets = {
            "description": forms.Textarea(attrs=SHORT_TEXT),
            "opt_out": forms.Textarea(attrs=SHORT_TEXT),
        }


_TAMPERED = _(
    "Lomakkeen rivitiedot eivät vastaa rekisterin rivejä, joten mitään ei tallennettu. "
    "Lataa sivu uudelleen ja tee muutokset uudelleen."
)


class RegisterPartFormSet(BaseInlineFormSet):
    """The rows of one register part, with library choices from the controller only.

    Each library choice list is queried once and shared by every row, so the page
    costs the same number of queries with one row as with fifty.
    """

    def __init__(self, *args: Any, controller: Controller, **kwargs: Any) -> None:
        self.controller = controller
        self._shared_choices: dict[str, tuple[QuerySet[Model], list[Any]]] = {}
        super().__init__(*args, **kwargs)

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if not issubclass(field.queryset.model, ControllerOwned):
                continue
            if name not in self._shared_choices:
                queryset = field.queryset.filter(controller=self.controller)
                field.queryset = queryset
                self._shared_choices[name] = (queryset, list(field.choices))
            queryset, choices = self._shared_choices[name]
            field.queryset = queryset
            field.choices = choices

    def clean(self) -> None:
        """Refuse management data that does not match the rows.

        A forged INITIAL_FORMS (0, or -1) would make Django treat existing rows as new
        ones and save them again; a row's id given twice would save one row twice.
        Every row below INITIAL_FORMS must name an existing row once, and every row
        above it must name none.
        """
        super().clean()
        initial = self.initial_form_count()
        seen: set[str] = set()
        for index, form in enumerate(self.forms):
            row_id = str(form.data.get(form.add_prefix("id"), "") or "")
            if index >= initial and row_id or index < initial and (not row_id or row_id in seen):
                raise forms.ValidationError(_TAMPERED, code="tampered")
            seen.add(row_id)
        if not 0 <= initial <= self.total_form_count():
            raise forms.ValidationError(_TAMPERED, code="tampered")

    def save_parts(self) -> None:
        """Save the rows; new rows go after the existing ones."""
        next_position = 1 + max((form.instance.position for form in self.initial_forms), default=-1)
        for obj in self.save(commit=False):
            if obj._state.adding:
                obj.position = next_position
                next_position += 1
            obj.save()
        for obj in self.deleted_objects:
            obj.delete()


def _part_formset(model: type[Model], form: type[forms.ModelForm]) -> type[RegisterPartFormSet]:
    return inlineformset_factory(
        Register, model, form=form, formset=RegisterPartFormSet, extra=0, can_delete=True
    )


# Formset prefix -> formset class, in the order of the register page.
PART_FORMSETS: dict[str, type[RegisterPartFormSet]] = {
    "purposes": _part_formset(Purpose, PurposeForm),
    "subjects": _part_formset(DataSubjectCategory, DataSubjectCategoryForm),
    "transfers": _part_formset(Transfer, TransferForm),
    "retention": _part_formset(RetentionRule, RetentionRuleForm),
    "cookies": _part_formset(Cookie, CookieForm),
}


# --- Members and invitations ------------------------------------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Sähköposti"), max_length=254, validators=[validate_visible_text]
    )
    role = forms.ChoiceField(
        label=_("Rooli"), choices=MembershipRole.choices, initial=MembershipRole.EDITOR
    )

    def __init__(self, *args: Any, controller: Controller, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.controller = controller

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        members = Membership.objects.filter(controller=self.controller)
        if members.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("Tällä sähköpostiosoitteella on jo jäsenyys."))
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rooli"), choices=MembershipRole.choices)


class LeaveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Haluan erota organisaatiosta ja menettää pääsyn sen tietoihin."),
        error_messages={"required": _("Vahvista eroaminen rastittamalla ruutu.")},
    )


# --- Creating an organisation -------------------------------------------------------------


class OrganisationCreateForm(forms.ModelForm):
    """A new organisation: who it is and how to reach it; the rest is edited later."""

    class Meta:
        model = Controller
        fields = [
            "name",
            "trade_name",
            "business_id",
            "slug",
            "street_address",
            "postal_code",
            "city",
            "country",
            "email",
            "phone",
            "website",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        slug.help_text = _(
            "Julkisten sivujen osoitteessa, esim. /smart-time-oy/. Jätä tyhjäksi, niin se "
            "muodostetaan nimestä. Tunnistetta voi muuttaa, kunnes ensimmäinen seloste "
            "on julkaistu."
        )
        slug.widget.attrs["data-slug-from"] = "id_name"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Perustiedot"), "name", "trade_name", "business_id", "slug"),
            Fieldset(
                _("Yhteystiedot"),
                "street_address",
                "postal_code",
                "city",
                "country",
                "email",
                "phone",
                "website",
            ),
        )

    def clean_slug(self) -> str:
        return (self.cleaned_data.get("slug") or "").strip()

    def _post_clean(self) -> None:
        # The slug is suggested from the name before the model validates it, so that a
        # suggestion is checked (reserved, unique) like a typed one.
        if not self.cleaned_data.get("slug") and self.cleaned_data.get("name"):
            suggestion = suggested_slug(self.cleaned_data["name"])
            if suggestion:
                self.cleaned_data["slug"] = suggestion
            else:
                self.add_error(
                    "slug",
                    _("Nimestä ei voi muodostaa tunnistetta. Kirjoita tunniste itse."),
                )
        super()._post_clean()
