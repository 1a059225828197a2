"""The register domain: controllers, their registers and reusable libraries.

Article numbers refer to Regulation (EU) 2016/679 (GDPR) unless noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from registers.fields import (
    LONG_TEXT_LENGTH,
    SHORT_TEXT_LENGTH,
    TEXT_LENGTH,
    FreeTextField,
    VisibleCharField,
    VisibleEmailField,
    VisibleURLField,
)
from registers.validators import validate_business_id, validate_not_reserved_slug

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class LegalBasis(models.TextChoices):
    """The six legal bases of GDPR Art. 6(1), fixed reference data.

    Labels follow the Finnish text of the GDPR and Tietosuojavaltuutettu's usage; a
    published version keeps the labels it was published with.
    """

    CONSENT = "consent", _("Suostumus (6 art. 1 a)")
    CONTRACT = "contract", _("Sopimus (6 art. 1 b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Lakisääteinen velvoite (6 art. 1 c)")
    VITAL_INTERESTS = "vital_interests", _("Elintärkeiden etujen suojaaminen (6 art. 1 d)")
    PUBLIC_TASK = (
        "public_task",
        _("Yleistä etua koskeva tehtävä tai julkisen vallan käyttäminen (6 art. 1 e)"),
    )
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Oikeutettu etu (6 art. 1 f)")


# GDPR Art. 6(3): processing under (c) or (e) must name the Union or national law.
BASES_REQUIRING_LAW = frozenset({LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK})


class SpecialCategoryCondition(models.TextChoices):
    """The conditions of GDPR Art. 9(2) that lift the ban on special categories.

    Labels in the words of the Finnish text of Art. 9(2)(a)-(j).
    """

    EXPLICIT_CONSENT = "a", _("Nimenomainen suostumus (9 art. 2 a)")
    EMPLOYMENT = "b", _("Työoikeus, sosiaaliturva ja sosiaalinen suojelu (9 art. 2 b)")
    VITAL_INTERESTS = (
        "c",
        _(
            "Elintärkeiden etujen suojaaminen, kun rekisteröity ei kykene antamaan suostumustaan "
            "(9 art. 2 c)"
        ),
    )
    NOT_FOR_PROFIT = (
        "d",
        _(
            "Säätiön, yhdistyksen tai muun voittoa tavoittelemattoman elimen oikeutettu toiminta "
            "(9 art. 2 d)"
        ),
    )
    MADE_PUBLIC = "e", _("Rekisteröidyn nimenomaisesti julkisiksi saattamat tiedot (9 art. 2 e)")
    LEGAL_CLAIMS = "f", _("Oikeusvaateet ja tuomioistuimet (9 art. 2 f)")
    SUBSTANTIAL_PUBLIC_INTEREST = "g", _("Tärkeä yleinen etu (9 art. 2 g)")
    HEALTH_CARE = "h", _("Työterveyshuolto, terveyden- tai sosiaalihuolto (9 art. 2 h)")
    PUBLIC_HEALTH = "i", _("Kansanterveyteen liittyvä yleinen etu (9 art. 2 i)")
    ARCHIVING_RESEARCH = (
        "j",
        _(
            "Yleisen edun mukainen arkistointi, tieteellinen tai historiallinen tutkimus tai "
            "tilastointi (9 art. 2 j)"
        ),
    )


class ControllerQuerySet(models.QuerySet["Controller"]):
    def for_user(self, user: AbstractBaseUser | AnonymousUser) -> ControllerQuerySet:
        """Controllers the user is a member of; none for an anonymous user."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, is_active=True)


class Controller(models.Model):
    """A controller (rekisterinpitäjä): the organisation and the tenancy boundary."""

    DEFAULT_AUTHORITY_NAME = "Tietosuojavaltuutetun toimisto"

    name = VisibleCharField(
        _("nimi"),
        max_length=200,
        help_text=_(
            "Yhtiön, yhdistyksen tai muun yhteisön nimi. Yksityisellä elinkeinonharjoittajalla "
            "henkilön oma nimi ja toiminimi omaan kenttäänsä. Rekisterinpitäjän identiteetti "
            "kerrotaan selosteessa (13 art. 1 a)."
        ),
    )
    # A private trader (yksityinen elinkeinonharjoittaja) is the controller in person
    # and trades under a name of their own (toiminimi; toiminimilaki 128/1979).
    trade_name = VisibleCharField(
        _("toiminimi"),
        max_length=200,
        blank=True,
        help_text=_(
            "Vain yksityiselle elinkeinonharjoittajalle, esim. ”Tmi Virtanen”; osa "
            "rekisterinpitäjän identiteettiä (13 art. 1 a)."
        ),
    )
    short_name = VisibleCharField(
        _("lyhyt nimi"),
        max_length=100,
        blank=True,
        help_text=_(
            "Nimi, jolla selosteessa viitataan rekisterinpitäjään, esim. ”Timmi” (13 art. 1 a)."
        ),
    )
    slug = models.SlugField(
        _("verkko-osoitteen tunniste"),
        max_length=80,
        unique=True,
        validators=[validate_not_reserved_slug],
        help_text=_("Julkisten sivujen osoitteessa, esim. /smart-time-oy/."),
    )
    business_id = VisibleCharField(
        _("Y-tunnus"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_(
            "Yksilöi rekisterinpitäjän (13 art. 1 a). Jätä tyhjäksi, jos rekisterinpitäjällä ei "
            "ole Y-tunnusta."
        ),
    )
    street_address = VisibleCharField(
        _("katuosoite"),
        max_length=200,
        blank=True,
        help_text=_("Rekisterinpitäjän yhteystiedot kerrotaan selosteessa (13 art. 1 a)."),
    )
    postal_code = VisibleCharField(
        _("postinumero"),
        max_length=10,
        blank=True,
        help_text=_("Osa postiosoitetta (13 art. 1 a)."),
    )
    city = VisibleCharField(
        _("postitoimipaikka"),
        max_length=100,
        blank=True,
        help_text=_("Osa postiosoitetta (13 art. 1 a)."),
    )
    country = VisibleCharField(
        _("maa"),
        max_length=100,
        blank=True,
        default="Suomi",
        help_text=_("Osa postiosoitetta (13 art. 1 a)."),
    )
    email = VisibleEmailField(
        _("sähköposti"),
        blank=True,
        help_text=_("Osoite, johon rekisteröity voi ottaa yhteyttä (13 art. 1 a)."),
    )
    phone = VisibleCharField(
        _("puhelin"),
        max_length=50,
        blank=True,
        help_text=_("Puhelinnumero, josta rekisteröity tavoittaa rekisterinpitäjän (13 art. 1 a)."),
    )
    website = VisibleURLField(
        _("verkkosivusto"),
        blank=True,
        help_text=_("Rekisterinpitäjän verkkosivut yhteystietona (13 art. 1 a)."),
    )

    # GDPR Art. 13(1)(a): the EU representative of a controller outside the Union.
    representative = FreeTextField(
        _("edustaja unionissa"),
        max_length=SHORT_TEXT_LENGTH,
        blank=True,
        help_text=_("Vain jos rekisterinpitäjä on EU:n ulkopuolella (27 art.)."),
    )

    # Finnish practice: a contact person for register matters (yhteyshenkilö).
    contact_name = VisibleCharField(
        _("yhteyshenkilön nimi"),
        max_length=200,
        blank=True,
        help_text=_(
            "Henkilö tai tehtävänimike, joka vastaa rekisteriä koskeviin kysymyksiin; osa "
            "rekisterinpitäjän yhteystietoja (13 art. 1 a)."
        ),
    )
    contact_email = VisibleEmailField(
        _("yhteyshenkilön sähköposti"),
        blank=True,
        help_text=_("Yhteyshenkilön sähköposti (13 art. 1 a)."),
    )
    contact_phone = VisibleCharField(
        _("yhteyshenkilön puhelin"),
        max_length=50,
        blank=True,
        help_text=_("Yhteyshenkilön puhelin (13 art. 1 a)."),
    )

    # GDPR Art. 13(1)(b): the DPO's contact details, where one is appointed (Art. 37).
    dpo_appointed = models.BooleanField(
        _("tietosuojavastaava nimitetty"),
        default=False,
        help_text=_(
            "Rastita, jos organisaatio on nimittänyt tietosuojavastaavan (37 art.); silloin sen "
            "yhteystiedot kerrotaan selosteessa (13 art. 1 b)."
        ),
    )
    dpo_name = VisibleCharField(
        _("tietosuojavastaavan nimi"),
        max_length=200,
        blank=True,
        help_text=_("Tietosuojavastaavan nimi tai tehtävänimike (13 art. 1 b)."),
    )
    dpo_email = VisibleEmailField(
        _("tietosuojavastaavan sähköposti"),
        blank=True,
        help_text=_(
            "Osoite, josta rekisteröity tavoittaa tietosuojavastaavan (13 art. 1 b, 38 art. 4 "
            "kohta)."
        ),
    )
    dpo_phone = VisibleCharField(
        _("tietosuojavastaavan puhelin"),
        max_length=50,
        blank=True,
        help_text=_("Tietosuojavastaavan puhelin (13 art. 1 b)."),
    )

    # GDPR Art. 13(2)(d): the supervisory authority a data subject may complain to.
    authority_name = VisibleCharField(
        _("valvontaviranomainen"),
        max_length=200,
        default=DEFAULT_AUTHORITY_NAME,
        help_text=_(
            "Valvontaviranomainen, jolle rekisteröity voi tehdä valituksen (13 art. 2 d, 77 "
            "art.); Suomessa tietosuojavaltuutetun toimisto."
        ),
    )
    authority_address = VisibleCharField(
        _("valvontaviranomaisen osoite"),
        max_length=200,
        blank=True,
        default="PL 800, 00531 Helsinki",
        help_text=_("Valvontaviranomaisen postiosoite (13 art. 2 d)."),
    )
    authority_visiting_address = VisibleCharField(
        _("valvontaviranomaisen käyntiosoite"),
        max_length=200,
        blank=True,
        help_text=_(
            "Esim. tietosuojavaltuutetun toimisto: Lintulahdenkuja 4, 00530 Helsinki (13 art. 2 d)."
        ),
    )
    authority_email = VisibleEmailField(
        _("valvontaviranomaisen sähköposti"),
        blank=True,
        default="tietosuoja@om.fi",
        help_text=_("Valvontaviranomaisen sähköposti (13 art. 2 d)."),
    )
    authority_phone = VisibleCharField(
        _("valvontaviranomaisen puhelin"),
        max_length=50,
        blank=True,
        default="029 566 6700",
        help_text=_("Valvontaviranomaisen puhelin (13 art. 2 d)."),
    )
    authority_website = VisibleURLField(
        _("valvontaviranomaisen verkkosivusto"),
        blank=True,
        default="https://tietosuoja.fi",
        help_text=_("Valvontaviranomaisen verkkosivut (13 art. 2 d)."),
    )

    rights_instructions = FreeTextField(
        _("ohjeet oikeuksien käyttämiseen"),
        max_length=LONG_TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Miten rekisteröity esittää pyynnön ja miten henkilöllisyys varmistetaan (12 art. 2 "
            "ja 6 kohta, 13 art. 2 b)."
        ),
    )

    # Staff may take an organisation out of use (support, an ended customership): its
    # members no longer reach the editor; its published notices stay public, as the
    # versions are the organisation's record of what it told people.
    is_active = models.BooleanField(
        _("käytössä"),
        default=True,
        help_text=_(
            "Käytöstä poistetun organisaation jäsenet eivät pääse muokkaamaan sitä; jo "
            "julkaistut selosteet pysyvät julkisina."
        ),
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    updated_at = models.DateTimeField(_("muokattu"), auto_now=True)

    objects = ControllerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekisterinpitäjä")
        verbose_name_plural = _("rekisterinpitäjät")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.pk and self._slug_changed() and self.notice_versions.exists():
            # Published versions are served at /<slug>/... forever.
            errors["slug"] = ValidationError(
                _(
                    "Tunnistetta ei voi muuttaa, koska organisaatiolla on julkaistuja "
                    "selosteita, joiden pysyvät osoitteet sisältävät sen."
                ),
                code="slug_frozen",
            )
        if self.dpo_appointed and not self.dpo_name:
            errors["dpo_name"] = ValidationError(
                _("Anna nimitetyn tietosuojavastaavan nimi."), code="dpo_name_required"
            )
        if self.dpo_appointed and not (self.dpo_email or self.dpo_phone):
            errors["dpo_email"] = ValidationError(
                _("Anna tietosuojavastaavan sähköposti tai puhelin (13 art. 1 b)."),
                code="dpo_contact_required",
            )
        if errors:
            raise ValidationError(errors)

    def _slug_changed(self) -> bool:
        saved = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        return saved is not None and saved != self.slug

    @property
    def display_name(self) -> str:
        return self.short_name or self.trade_name or self.name

    @property
    def postal_address(self) -> str:
        """The address on one line, as Finnish notices print it."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, town) if part)


class MembershipRole(models.TextChoices):
    # Everything an editor does, plus the members and the organisation's settings.
    ADMIN = "admin", _("Pääkäyttäjä")
    EDITOR = "editor", _("Muokkaaja")
    VIEWER = "viewer", _("Lukija")


# The roles that may change the organisation's registers and notices.
EDITING_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.EDITOR})


LAST_ADMIN_MESSAGE = _(
    "Organisaatiolla on oltava aina vähintään yksi pääkäyttäjä. Nimeä ensin toinen pääkäyttäjä."
)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def editors(self) -> MembershipQuerySet:
        """Members who may edit: admins and editors."""
        return self.filter(role__in=EDITING_ROLES)

    def admins(self) -> MembershipQuerySet:
        return self.filter(role=MembershipRole.ADMIN)


class Membership(models.Model):
    """Ties a user to a controller with a role; a user may belong to several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("rooli"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.EDITOR
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("jäsenyys")
        verbose_name_plural = _("jäsenyydet")
        constraints = [
            models.UniqueConstraint(fields=["user", "controller"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.controller} ({self.get_role_display()})"

    def clean(self) -> None:
        try:
            self.check_keeps_an_admin(role=self.role, controller_id=self.controller_id)
        except ValidationError as error:
            raise ValidationError({"role": error}) from error

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        # A whole organisation (or user) deleted goes by cascade, which never calls this.
        self.check_keeps_an_admin(role=None)
        return super().delete(*args, **kwargs)

    @property
    def can_edit(self) -> bool:
        return self.role in EDITING_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN

    def keeps_an_admin(self, *, role: str | None, controller_id: int | None = None) -> bool:
        """Whether the organisation still has an admin after this membership, as saved,
        takes ``role`` in ``controller_id`` (its own when not given); ``role=None`` means
        the membership is removed. The one rule behind every last-admin refusal."""
        saved = Membership.objects.filter(pk=self.pk).values("role", "controller_id").first()
        if saved is None or saved["role"] != MembershipRole.ADMIN:
            return True
        moved = controller_id is not None and controller_id != saved["controller_id"]
        if role == MembershipRole.ADMIN and not moved:
            return True
        return (
            Membership.objects.admins()
            .filter(controller_id=saved["controller_id"])
            .exclude(pk=self.pk)
            .exists()
        )

    def check_keeps_an_admin(self, *, role: str | None, controller_id: int | None = None) -> None:
        if not self.keeps_an_admin(role=role, controller_id=controller_id):
            raise ValidationError(LAST_ADMIN_MESSAGE, code="last_admin")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Odottaa")
    ACCEPTED = "accepted", _("Hyväksytty")
    WITHDRAWN = "withdrawn", _("Peruttu")


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Invitations not yet accepted or withdrawn, expired ones among them."""
        return self.filter(status=InvitationStatus.PENDING)


class Invitation(models.Model):
    """An invitation by e-mail to join an organisation with a role.

    Only a SHA-256 of the link's token is stored, so the database alone does not
    let anyone accept an invitation. Written by registers/invitations.py only.
    """

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    # Stored in lower case: e-mail addresses are compared case-insensitively.
    email = VisibleEmailField(_("sähköposti"), editable=False)
    role = models.CharField(_("rooli"), max_length=20, choices=MembershipRole.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("tila"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kutsuja"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    sent_at = models.DateTimeField(_("lähetetty"))
    expires_at = models.DateTimeField(_("vanhenee"))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kutsu")
        verbose_name_plural = _("kutsut")
        ordering = ["-sent_at"]
        constraints = [
            # One live invitation per address: inviting again resends it.
            models.UniqueConstraint(
                fields=["controller", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.controller}"

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at


class MembershipAction(models.TextChoices):
    INVITED = "invited", _("kutsui")
    RESENT = "resent", _("lähetti kutsun uudelleen")
    WITHDRAWN = "withdrawn", _("perui kutsun")
    ACCEPTED = "accepted", _("hyväksyi kutsun")
    ROLE_CHANGED = "role_changed", _("muutti roolin")
    REMOVED = "removed", _("poisti jäsenen")
    LEFT = "left", _("erosi organisaatiosta")


class MembershipEvent(models.Model):
    """One change to an organisation's members or invitations: who, when, what.

    Names and addresses are copied, not only linked, so the log still reads right
    after a user is deleted.
    """

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="membership_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tekijä"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("tekijä"), max_length=254, editable=False)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kohde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject_label = models.CharField(_("kohde"), max_length=254, editable=False)
    action = models.CharField(_("tapahtuma"), max_length=20, choices=MembershipAction.choices)
    old_role = models.CharField(
        _("vanha rooli"), max_length=20, choices=MembershipRole.choices, blank=True
    )
    new_role = models.CharField(
        _("uusi rooli"), max_length=20, choices=MembershipRole.choices, blank=True
    )
    created_at = models.DateTimeField(_("aika"), auto_now_add=True)

    class Meta:
        verbose_name = _("jäsenmuutos")
        verbose_name_plural = _("jäsenmuutokset")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.get_action_display()} {self.subject_label}"


class ControllerOwned(models.Model):
    """Base for rows that belong to one controller."""

    controller = models.ForeignKey(
        Controller, verbose_name=_("rekisterinpitäjä"), on_delete=models.CASCADE
    )

    class Meta:
        abstract = True


class OwnedQuerySet(models.QuerySet):
    def for_controller(self, controller: Controller) -> OwnedQuerySet:
        return self.filter(controller=controller)

    def next_position(self) -> int:
        """The position after the last item: a new library item goes at the end."""
        last = self.aggregate(last=models.Max("position"))["last"]
        return 0 if last is None else last + 1


# --- Reusable per-controller libraries -------------------------------------------------


class DataCategoryKind(models.TextChoices):
    ORDINARY = "ordinary", _("Tavallinen henkilötieto")
    # GDPR Art. 9(1)
    SPECIAL = "special", _("Erityinen henkilötietoryhmä (9 art.)")
    # GDPR Art. 10
    CRIMINAL = "criminal", _("Rikostuomiot ja rikkomukset (10 art.)")
    # Tietosuojalaki 1050/2018, 29 §
    IDENTITY_CODE = "identity_code", _("Henkilötunnus (tietosuojalaki 29 §)")


class DataCategory(ControllerOwned):
    """A category of personal data (tietosisältö), ticked into registers."""

    name = VisibleCharField(
        _("nimi"),
        max_length=300,
        help_text=_("Henkilötietojen ryhmä, esim. ”Yhteystiedot” (14 art. 1 d, 30 art. 1 c)."),
    )
    description = FreeTextField(
        _("kuvaus"),
        blank=True,
        max_length=SHORT_TEXT_LENGTH,
        help_text=_(
            "Mitä tietoja ryhmään kuuluu, esim. ”nimi, sähköposti, puhelinnumero” (14 art. 1 d)."
        ),
    )
    kind = models.CharField(
        _("laji"),
        max_length=20,
        choices=DataCategoryKind.choices,
        default=DataCategoryKind.ORDINARY,
        help_text=_(
            "Erityiset henkilötietoryhmät (9 art.), rikostuomiot (10 art.) ja henkilötunnus "
            "(tietosuojalaki 29 §) tarvitsevat oman perusteensa."
        ),
    )
    special_condition = models.CharField(
        _("9 art. 2 kohdan peruste"),
        max_length=1,
        choices=SpecialCategoryCondition.choices,
        blank=True,
        help_text=_(
            "Pakollinen erityisille henkilötietoryhmille: 9 artiklan 2 kohdan peruste, joka "
            "sallii käsittelyn."
        ),
    )
    # Tietosuojalaki 1050/2018, 6 §: conditions 9(2)(b), (g)-(j) need a Union or
    # national law that allows the processing; the completeness check asks for it.
    law_reference = VisibleCharField(
        _("säädös"),
        max_length=300,
        blank=True,
        help_text=_(
            "Laki, joka sallii tiedon käsittelyn, esim. ”laki yksityisyyden suojasta "
            "työelämässä 759/2004, 5 §”; tarvitaan, kun peruste on 9 art. 2 b, g, h, i tai j "
            "kohta (tietosuojalaki 6 §)."
        ),
    )
    position = models.PositiveIntegerField(
        _("järjestys"), default=0, help_text=_("Pienempi numero näkyy luettelossa ensin.")
    )

    objects = OwnedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tietoryhmä")
        verbose_name_plural = _("tietoryhmät")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "name"], name="unique_data_category"),
            # GDPR Art. 9(2): a special category must name the condition it rests on.
            models.CheckConstraint(
                condition=~Q(kind="special") | ~Q(special_condition=""),
                name="special_category_has_condition",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == DataCategoryKind.SPECIAL and not self.special_condition:
            raise ValidationError(
                {
                    "special_condition": ValidationError(
                        _(
                            "Erityiseen henkilötietoryhmään kuuluvan tiedon käsittelylle on "
                            "valittava 9 artiklan 2 kohdan peruste."
                        ),
                        code="special_condition_required",
                    )
                }
            )
        if self.kind != DataCategoryKind.SPECIAL and self.special_condition:
            raise ValidationError(
                {
                    "special_condition": ValidationError(
                        _("9 artiklan 2 kohdan peruste koskee vain erityisiä henkilötietoryhmiä."),
                        code="special_condition_not_applicable",
                    )
                }
            )
        # Only special, criminal and identity-code data are printed with their law.
        if self.kind == DataCategoryKind.ORDINARY and self.law_reference.strip():
            raise ValidationError(
                {
                    "law_reference": ValidationError(
                        _(
                            "Säädös merkitään vain erityisille henkilötietoryhmille, "
                            "rikostiedoille ja henkilötunnukselle."
                        ),
                        code="law_reference_not_applicable",
                    )
                }
            )

    @property
    def is_special(self) -> bool:
        return self.kind == DataCategoryKind.SPECIAL

    @property
    def is_criminal(self) -> bool:
        return self.kind == DataCategoryKind.CRIMINAL


class RecipientRole(models.TextChoices):
    PROCESSOR = "processor", _("Henkilötietojen käsittelijä")
    CONTROLLER = "controller", _("Luovutuksensaaja (itsenäinen rekisterinpitäjä)")
    JOINT_CONTROLLER = "joint_controller", _("Yhteisrekisterinpitäjä")
    AUTHORITY = "authority", _("Viranomainen")
    OTHER = "other", _("Muu vastaanottaja")


class Recipient(ControllerOwned):
    """A recipient or category of recipients (GDPR Art. 13(1)(e))."""

    name = VisibleCharField(
        _("nimi"),
        max_length=300,
        help_text=_("Vastaanottaja tai vastaanottajien ryhmä, esim. ”Tilitoimisto” (13 art. 1 e)."),
    )
    role = models.CharField(
        _("rooli"),
        max_length=20,
        choices=RecipientRole.choices,
        default=RecipientRole.PROCESSOR,
        help_text=_(
            "Käsittelijä käsittelee tietoja rekisterinpitäjän lukuun (4 art. 8 alakohta); "
            "luovutuksensaaja käyttää niitä omiin tarkoituksiinsa (4 art. 9 alakohta)."
        ),
    )
    description = FreeTextField(
        _("kuvaus"),
        blank=True,
        max_length=SHORT_TEXT_LENGTH,
        help_text=_("Mitä varten vastaanottaja saa tietoja, esim. ”palkanlaskenta” (13 art. 1 e)."),
    )
    # Where the recipient processes the data: a country outside the EU/EEA makes the
    # completeness check ask for a transfer (GDPR Art. 13(1)(f), 44).
    country = VisibleCharField(
        _("maa"),
        max_length=100,
        blank=True,
        help_text=_(
            "Maa, jossa vastaanottaja käsittelee tietoja, jos se on tiedossa. EU:n ja ETA:n "
            "ulkopuolinen maa vaatii siirron perusteen (13 art. 1 f, 44 art.)."
        ),
    )
    position = models.PositiveIntegerField(
        _("järjestys"), default=0, help_text=_("Pienempi numero näkyy luettelossa ensin.")
    )

    objects = OwnedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vastaanottaja")
        verbose_name_plural = _("vastaanottajat")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "name"], name="unique_recipient"),
        ]

    def __str__(self) -> str:
        return self.name


class SourceOrigin(models.TextChoices):
    """Whether a source is the data subject (GDPR Art. 13) or another source (Art. 14).

    Not stated until the officer says so: the completeness check asks, and cites
    both articles meanwhile.
    """

    NOT_STATED = "", _("Ei ilmoitettu")
    DATA_SUBJECT = "data_subject", _("Rekisteröity itse (13 art.)")
    OTHER = "other", _("Muu lähde kuin rekisteröity (14 art.)")


class Source(ControllerOwned):
    """A regular source of personal data (GDPR Art. 14(2)(f))."""

    name = VisibleCharField(
        _("nimi"),
        max_length=300,
        help_text=_(
            "Mistä tiedot saadaan, esim. ”Asiakkaalta itseltään” tai ”Väestötietojärjestelmästä” "
            "(14 art. 2 f)."
        ),
    )
    description = FreeTextField(
        _("kuvaus"),
        blank=True,
        max_length=SHORT_TEXT_LENGTH,
        help_text=_("Tarkemmin, mitä tietoja lähteestä saadaan (14 art. 2 f)."),
    )
    # GDPR Art. 13 applies to data collected from the data subject, Art. 14 to data
    # obtained elsewhere. Data observed from the person (cookies, use of a service)
    # counts as collected from them (WP29 WP260 rev.01, point 26).
    origin = models.CharField(
        _("keneltä tiedot saadaan"),
        max_length=20,
        choices=SourceOrigin.choices,
        blank=True,
        default=SourceOrigin.NOT_STATED,
        help_text=_(
            "Saadaanko tiedot rekisteröidyltä itseltään (13 art.) vai muualta, esim. toiselta "
            "rekisterinpitäjältä, viranomaiselta tai julkisesta lähteestä (14 art.). Myös "
            "havainnoimalla kerätyt tiedot, kuten evästeillä tai palvelun käytöstä, saadaan "
            "rekisteröidyltä itseltään."
        ),
    )
    is_public = models.BooleanField(
        _("julkinen lähde"),
        default=False,
        help_text=_("Tiedot saadaan yleisesti saatavilla olevista lähteistä (14 art. 2 f)."),
    )
    position = models.PositiveIntegerField(
        _("järjestys"), default=0, help_text=_("Pienempi numero näkyy luettelossa ensin.")
    )

    objects = OwnedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tietolähde")
        verbose_name_plural = _("tietolähteet")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "name"], name="unique_source"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # GDPR Art. 14(2)(f): a publicly accessible source is a source other than the
        # data subject, so it cannot also be the person themself.
        if self.is_public and self.origin == SourceOrigin.DATA_SUBJECT:
            raise ValidationError(
                {
                    "origin": ValidationError(
                        _(
                            "Julkinen lähde on muu lähde kuin rekisteröity itse (14 art. 2 f). "
                            "Valitse ”muu lähde” tai poista valinta ”julkinen lähde”."
                        ),
                        code="public_source_from_subject",
                    )
                }
            )


class SecurityMaterial(models.TextChoices):
    GENERAL = "general", _("Yleiset periaatteet")
    MANUAL = "manual", _("Manuaalinen aineisto")
    ELECTRONIC = "electronic", _("Sähköisesti käsiteltävät tiedot")


class SecurityMeasure(ControllerOwned):
    """A security text (rekisterin suojauksen periaatteet; GDPR Art. 30(1)(g), 32)."""

    title = VisibleCharField(
        _("otsikko"),
        max_length=200,
        help_text=_("Otsikko selosteen suojauskohdassa, esim. ”Käyttöoikeudet”."),
    )
    material = models.CharField(
        _("aineisto"),
        max_length=20,
        choices=SecurityMaterial.choices,
        default=SecurityMaterial.GENERAL,
        help_text=_(
            "Koskeeko teksti manuaalista aineistoa, sähköisesti käsiteltäviä tietoja vai molempia "
            "(30 art. 1 g)."
        ),
    )
    text = FreeTextField(
        _("teksti"),
        max_length=TEXT_LENGTH,
        help_text=_(
            "Yleinen kuvaus teknisistä ja organisatorisista suojatoimista, esim. käyttöoikeudet "
            "ja salaus (30 art. 1 g, 32 art. 1 kohta)."
        ),
    )
    position = models.PositiveIntegerField(
        _("järjestys"), default=0, help_text=_("Pienempi numero näkyy luettelossa ensin.")
    )

    objects = OwnedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suojaustoimenpide")
        verbose_name_plural = _("suojaustoimenpiteet")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "title"], name="unique_security_measure"),
        ]

    def __str__(self) -> str:
        return self.title


# --- Registers --------------------------------------------------------------------------


class AutomatedDecisionException(models.TextChoices):
    """GDPR Art. 22(2): why a solely automated decision may be made at all."""

    NOT_STATED = "", _("Ei valittu")
    CONTRACT = (
        "contract",
        _("Välttämätön sopimuksen tekemistä tai täytäntöönpanoa varten (22 art. 2 a)"),
    )
    LAW = "law", _("Hyväksytty unionin oikeudessa tai jäsenvaltion lainsäädännössä (22 art. 2 b)")
    EXPLICIT_CONSENT = "explicit_consent", _("Rekisteröidyn nimenomainen suostumus (22 art. 2 c)")


class ProvisionRequirement(models.TextChoices):
    """GDPR Art. 13(2)(e): is providing the data required, and by what."""

    NOT_STATED = "", _("Ei määritelty")
    VOLUNTARY = "voluntary", _("Tietojen antaminen on vapaaehtoista")
    STATUTORY = "statutory", _("Lakisääteinen vaatimus")
    CONTRACTUAL = "contractual", _("Sopimukseen perustuva vaatimus")
    CONTRACT_PRECONDITION = "contract_precondition", _("Sopimuksen tekemisen edellytys")


# GDPR Art. 13(2)(e), in the words of the Finnish text ("onko henkilötietojen antaminen
# lakisääteinen tai sopimukseen perustuva vaatimus taikka sopimuksen tekemisen
# edellytys"): the sentence a notice publishes for each requirement.
PROVISION_STATEMENTS = {
    ProvisionRequirement.VOLUNTARY: _("Henkilötietojen antaminen on vapaaehtoista."),
    ProvisionRequirement.STATUTORY: _("Henkilötietojen antaminen on lakisääteinen vaatimus."),
    ProvisionRequirement.CONTRACTUAL: _(
        "Henkilötietojen antaminen on sopimukseen perustuva vaatimus."
    ),
    ProvisionRequirement.CONTRACT_PRECONDITION: _(
        "Henkilötietojen antaminen on sopimuksen tekemisen edellytys."
    ),
}

# GDPR Art. 13(2)(e) also asks "onko rekisteröidyn pakko toimittaa henkilötiedot ja
# mahdolliset seuraukset, jos tällaisia tietoja ei toimiteta". Standard texts the
# officer may take into ``provision_consequences`` and edit; never published by
# themselves.
PROVISION_CONSEQUENCE_SUGGESTIONS = {
    ProvisionRequirement.VOLUNTARY: _(
        "Sinun ei ole pakko antaa tietoja. Jos et anna niitä, emme voi tarjota sinulle "
        "niitä palveluja, joihin tietoja tarvitaan."
    ),
    ProvisionRequirement.STATUTORY: _(
        "Sinun on annettava laissa vaaditut tiedot. Jos et anna niitä, emme voi täyttää "
        "lakisääteistä velvoitettamme emmekä hoitaa asiaa, jota tiedot koskevat."
    ),
    ProvisionRequirement.CONTRACTUAL: _(
        "Sinun on annettava sopimuksen täyttämiseen tarvittavat tiedot. Jos et anna niitä, "
        "emme voi täyttää sopimusta emmekä toimittaa sovittua palvelua."
    ),
    ProvisionRequirement.CONTRACT_PRECONDITION: _(
        "Sinun on annettava sopimuksen tekemiseen tarvittavat tiedot. Jos et anna niitä, "
        "sopimusta ei voida tehdä."
    ),
}


class RecipientsStatement(models.TextChoices):
    """What the organisation said about recipients (GDPR Art. 13(1)(e), 14(1)(e)).

    Silence is never published as a "no": an empty list with no statement is a gap
    for the completeness check, not a sentence of the notice.
    """

    NOT_STATED = "", _("Ei ilmoitettu")
    NONE = "none", _("Tietoja ei luovuteta rekisterinpitäjän ulkopuolelle")
    LISTED = "listed", _("Tietoja luovutetaan: vastaanottajat valitaan alla")


class TransfersStatement(models.TextChoices):
    """What the organisation said about transfers outside the EU/EEA (Art. 13(1)(f))."""

    NOT_STATED = "", _("Ei ilmoitettu")
    NONE = "none", _("Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle")
    LISTED = "listed", _("Tietoja siirretään EU:n tai ETA:n ulkopuolelle: siirrot luetellaan alla")


class RegisterQuerySet(models.QuerySet["Register"]):
    def for_controller(self, controller: Controller) -> RegisterQuerySet:
        return self.filter(controller=controller)

    def active(self) -> RegisterQuerySet:
        return self.filter(archived=False)


class Register(ControllerOwned):
    """A register (rekisteri): one record of processing activities (GDPR Art. 30)."""

    name = VisibleCharField(
        _("nimi"),
        max_length=200,
        help_text=_("Rekisterin nimi selosteessa, esim. ”Asiakasrekisteri”."),
    )
    description = FreeTextField(
        _("kuvaus"),
        max_length=LONG_TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Mitä rekisteri kattaa ja mitä ei; näkyy selosteessa rekisterin nimen alla (30 art. 1 "
            "b)."
        ),
    )
    purposes_note = FreeTextField(
        _("lisätietoja tarkoituksista"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Esim. miten tarkoitukset ja oikeusperusteet liittyvät toisiinsa (13 art. 1 c)."
        ),
    )
    consent_withdrawal = FreeTextField(
        _("suostumuksen peruuttaminen"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_("Miten suostumuksen voi peruuttaa (7 art. 3 kohta)."),
    )
    data_categories = models.ManyToManyField(
        DataCategory,
        verbose_name=_("tietoryhmät"),
        blank=True,
        related_name="registers",
        help_text=_(
            "Henkilötietoryhmät, joita rekisterissä käsitellään (14 art. 1 d, 30 art. 1 c)."
        ),
    )
    sources = models.ManyToManyField(
        Source,
        verbose_name=_("tietolähteet"),
        blank=True,
        related_name="registers",
        help_text=_("Mistä tiedot saadaan ja ovatko lähteet julkisia (14 art. 2 f)."),
    )
    # GDPR Art. 14(3): when people whose data comes from elsewhere are told.
    informing_timing = FreeTextField(
        _("milloin muualta saaduista tiedoista kerrotaan"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Kun tietoja saadaan muualta kuin rekisteröidyltä itseltään: kohtuullisessa ajassa, "
            "viimeistään kuukauden kuluessa tietojen saamisesta; viimeistään silloin, kun "
            "rekisteröityyn otetaan ensimmäisen kerran yhteyttä; tai viimeistään silloin, kun "
            "tietoja ensimmäisen kerran luovutetaan toiselle vastaanottajalle (14 art. 3)."
        ),
    )
    # GDPR Art. 14(5): the exemption relied on, if the people are not told at all.
    informing_exemption = FreeTextField(
        _("poikkeus velvollisuudesta kertoa muualta saaduista tiedoista"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Vain jos rekisteröidyille ei kerrota muualta saaduista tiedoista erikseen: "
            "peruste, esim. tietojen hankkimisesta tai luovuttamisesta säädetään laissa "
            "(14 art. 5 c) tai tietojen antaminen osoittautuu mahdottomaksi tai vaatisi "
            "kohtuutonta vaivaa (14 art. 5 b)."
        ),
    )
    recipients = models.ManyToManyField(
        Recipient,
        verbose_name=_("vastaanottajat"),
        blank=True,
        related_name="registers",
        help_text=_(
            "Vastaanottajat tai vastaanottajien ryhmät, myös henkilötietojen käsittelijät (13 "
            "art. 1 e)."
        ),
    )
    recipients_statement = models.CharField(
        _("luovutetaanko tietoja"),
        max_length=10,
        choices=RecipientsStatement.choices,
        blank=True,
        default=RecipientsStatement.NOT_STATED,
        help_text=_(
            "Selosteessa on kerrottava tietojen vastaanottajat tai vastaanottajien ryhmät "
            "(13 art. 1 e). Henkilötietojen käsittelijät ovat vastaanottajia."
        ),
    )
    recipients_note = FreeTextField(
        _("lisätietoja luovutuksista"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_("Esim. millä edellytyksillä tietoja luovutetaan (13 art. 1 e)."),
    )
    transfers_statement = models.CharField(
        _("siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle"),
        max_length=10,
        choices=TransfersStatement.choices,
        blank=True,
        default=TransfersStatement.NOT_STATED,
        help_text=_(
            "Myös palvelut, joiden palvelimet ovat EU:n ulkopuolella, esim. monet "
            "yhdysvaltalaiset pilvi- ja analytiikkapalvelut, siirtävät tietoja (13 art. 1 f)."
        ),
    )
    transfers_note = FreeTextField(
        _("lisätietoja siirroista"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Esim. missä tilanteissa tietoja voidaan siirtää ja miten ne suojataan (13 art. 1 f)."
        ),
    )
    security_measures = models.ManyToManyField(
        SecurityMeasure,
        verbose_name=_("suojaustoimenpiteet"),
        blank=True,
        related_name="registers",
        help_text=_(
            "Rekisterin suojauksen periaatteet organisaation suojauskirjastosta (30 art. 1 g, 32 "
            "art.)."
        ),
    )
    # GDPR Art. 13(2)(f), 22: solely automated decisions and profiling.
    automated_decisions = models.BooleanField(
        _("automaattisia päätöksiä tehdään"),
        default=False,
        help_text=_(
            "Rastita, jos rekisteröidystä tehdään pelkästään automaattiseen käsittelyyn "
            "perustuvia päätöksiä, joilla on oikeusvaikutuksia tai vastaavia merkittäviä "
            "vaikutuksia (22 art. 1 kohta, 13 art. 2 f)."
        ),
    )
    profiling = models.BooleanField(
        _("profilointia tehdään"),
        default=False,
        help_text=_(
            "Rastita, jos henkilön ominaisuuksia arvioidaan automaattisesti, esim. "
            "ostokäyttäytymisen perusteella (4 art. 4 alakohta, 13 art. 2 f)."
        ),
    )
    automated_decisions_description = FreeTextField(
        _("automaattisen päätöksenteon ja profiloinnin kuvaus"),
        max_length=LONG_TEXT_LENGTH,
        blank=True,
        help_text=_("Käytetty logiikka, merkitys ja seuraukset rekisteröidylle (13 art. 2 f)."),
    )
    automated_decision_exception = models.CharField(
        _("automaattisten päätösten peruste"),
        max_length=20,
        choices=AutomatedDecisionException.choices,
        blank=True,
        default=AutomatedDecisionException.NOT_STATED,
        help_text=_(
            "Pelkästään automaattiseen käsittelyyn perustuva päätös on sallittu vain 22 "
            "artiklan 2 kohdan perusteella."
        ),
    )
    provision_requirement = models.CharField(
        _("tietojen antamisen pakollisuus"),
        max_length=30,
        choices=ProvisionRequirement.choices,
        blank=True,
        default=ProvisionRequirement.NOT_STATED,
        help_text=_(
            "Onko tietojen antaminen lakisääteinen tai sopimukseen perustuva vaatimus taikka "
            "sopimuksen tekemisen edellytys (13 art. 2 e)."
        ),
    )
    provision_consequences = FreeTextField(
        _("seuraukset, jos tietoja ei anneta"),
        blank=True,
        max_length=TEXT_LENGTH,
        help_text=_(
            "Onko rekisteröidyn pakko antaa tiedot ja mitä seuraa, jos hän ei anna niitä "
            "(13 art. 2 e)."
        ),
    )
    covers_website = models.BooleanField(
        _("rekisteri koskee verkkosivustoa (evästeet)"),
        default=False,
        help_text=_(
            "Rastita, jos rekisteri kattaa verkkosivuston kävijät: evästeistä kerrotaan "
            "(sähköisen viestinnän palveluista annettu laki 205 §)."
        ),
    )
    cookies_note = FreeTextField(
        _("evästeistä yleisesti"),
        blank=True,
        max_length=TEXT_LENGTH,
        help_text=_(
            "Esim. miten evästeisiin annetaan suostumus ja miten sen voi muuttaa (sähköisen "
            "viestinnän palveluista annettu laki 205 §)."
        ),
    )
    # GDPR Art. 26(2): the essence of a joint-controller arrangement.
    joint_controller_arrangement = FreeTextField(
        _("yhteisrekisterinpitäjyyden keskeinen sisältö"),
        blank=True,
        max_length=LONG_TEXT_LENGTH,
        help_text=_(
            "Jos rekisterinpitäjiä on useampia, kerro järjestelyn keskeinen sisältö: kuka vastaa "
            "mistäkin ja kehen rekisteröity voi ottaa yhteyttä (26 art. 2 kohta)."
        ),
    )
    archived = models.BooleanField(_("arkistoitu"), default=False)
    # Optimistic concurrency: bumped by every save of the register or any of its
    # parts, so that an edit made on a stale copy can be recognised and refused.
    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    updated_at = models.DateTimeField(_("muokattu"), auto_now=True)

    objects = RegisterQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[data_categories, sources, recipients, security_measures]
    )

    class Meta:
        verbose_name = _("rekisteri")
        verbose_name_plural = _("rekisterit")
        ordering = ["controller", "name"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "name"], name="unique_register_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if (self.automated_decisions or self.profiling) and not (
            self.automated_decisions_description.strip()
        ):
            errors["automated_decisions_description"] = ValidationError(
                _(
                    "Kuvaa automaattisen päätöksenteon tai profiloinnin logiikka, merkitys ja "
                    "seuraukset (13 art. 2 f)."
                ),
                code="automated_description_required",
            )
        # A missing consequence text (13 art. 2 e) is left to the completeness check,
        # which blocks publishing: refusing the save made officers leave the
        # requirement unset instead.
        if errors:
            raise ValidationError(errors)

    def set_archived(self, archived: bool) -> None:
        """Archive or restore; a change like any other, so it bumps the version."""
        self.archived = archived
        self.version += 1
        self.save(update_fields=["archived", "version", "updated_at"])

    def copy(self, *, name: str) -> Register:
        """A new register of the same controller with all of this one's parts and ticks."""
        parts = {
            model: list(model.objects.filter(register=self))
            for model in (
                Purpose,
                DataSubjectCategory,
                Transfer,
                RetentionRule,
                Cookie,
                RightProcedure,
            )
        }
        ticks = {
            field: list(getattr(self, field).all())
            for field in ("data_categories", "sources", "recipients", "security_measures")
        }
        new = Register.objects.get(pk=self.pk)
        new.pk = new.id = None  # type: ignore[assignment]
        new._state.adding = True
        new.name = name
        new.archived = False
        new.version = 1
        new.save()
        for field, items in ticks.items():
            getattr(new, field).set(items)
        for rows in parts.values():
            for row in rows:
                row.pk = row.id = None
                row._state.adding = True
                row.register = new
                row.save()
        return new

    @property
    def legal_bases(self) -> list[str]:
        """The distinct legal bases of the register's purposes, in purpose order."""
        seen: list[str] = []
        for purpose in self.purposes.all():
            if purpose.legal_basis not in seen:
                seen.append(purpose.legal_basis)
        return seen


class RegisterPart(models.Model):
    """Base for the rows that make up one register, edited inline with it."""

    register = models.ForeignKey(Register, verbose_name=_("rekisteri"), on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("järjestys"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Purpose(RegisterPart):
    """A purpose of processing with its legal basis (GDPR Art. 13(1)(c)-(d))."""

    description = FreeTextField(
        _("käsittelyn tarkoitus"),
        max_length=SHORT_TEXT_LENGTH,
        help_text=_(
            "Mitä varten tietoja käsitellään, esim. ”Asiakassuhteen hoitaminen” (13 art. 1 c)."
        ),
    )
    legal_basis = models.CharField(
        _("oikeusperuste"),
        max_length=30,
        choices=LegalBasis.choices,
        help_text=_("Yksi 6 artiklan 1 kohdan perusteista tälle tarkoitukselle (13 art. 1 c)."),
    )
    legitimate_interest = FreeTextField(
        _("oikeutettu etu"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Pakollinen, kun peruste on oikeutettu etu: mikä rekisterinpitäjän tai kolmannen "
            "osapuolen etu on (13 art. 1 d)."
        ),
    )
    law_reference = VisibleCharField(
        _("säädös"),
        max_length=300,
        blank=True,
        help_text=_(
            "Laki, johon käsittely perustuu; pakollinen lakisääteiselle velvoitteelle ja "
            "yleiselle edulle (6 art. 3 kohta)."
        ),
    )

    history = HistoricalRecords()

    class Meta(RegisterPart.Meta):
        verbose_name = _("käsittelyn tarkoitus")
        verbose_name_plural = _("käsittelyn tarkoitukset")
        default_related_name = "purposes"
        constraints = [
            # GDPR Art. 13(1)(d): the legitimate interests must be stated.
            models.CheckConstraint(
                condition=~Q(legal_basis="legitimate_interests") | ~Q(legitimate_interest=""),
                name="legitimate_interest_explained",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if (
            self.legal_basis == LegalBasis.LEGITIMATE_INTERESTS
            and not self.legitimate_interest.strip()
        ):
            errors["legitimate_interest"] = ValidationError(
                _("Kun käsittely perustuu oikeutettuun etuun, kerro mikä etu on (13 art. 1 d)."),
                code="legitimate_interest_required",
            )
        if self.legal_basis in BASES_REQUIRING_LAW and not self.law_reference.strip():
            errors["law_reference"] = ValidationError(
                _("Nimeä laki, johon käsittely perustuu (6 art. 3 kohta)."),
                code="law_reference_required",
            )
        if errors:
            raise ValidationError(errors)


class DataSubjectCategory(RegisterPart):
    """A category of data subjects (rekisteröityjen ryhmä; GDPR Art. 30(1)(c))."""

    name = VisibleCharField(
        _("nimi"),
        max_length=300,
        help_text=_("Keitä rekisterissä olevat henkilöt ovat, esim. ”Asiakkaat” (30 art. 1 c)."),
    )
    description = FreeTextField(
        _("kuvaus"),
        blank=True,
        max_length=SHORT_TEXT_LENGTH,
        help_text=_("Tarkemmin, keitä ryhmään kuuluu (30 art. 1 c)."),
    )

    history = HistoricalRecords()

    class Meta(RegisterPart.Meta):
        verbose_name = _("rekisteröityjen ryhmä")
        verbose_name_plural = _("rekisteröityjen ryhmät")
        default_related_name = "data_subject_categories"

    def __str__(self) -> str:
        return self.name


class TransferSafeguard(models.TextChoices):
    """GDPR Art. 45-49: what a transfer outside the EU/EEA rests on."""

    ADEQUACY = "adequacy", _("Komission riittävyyspäätös (45 art.)")
    # The EU-US Data Privacy Framework is an adequacy decision (Commission Implementing
    # Decision (EU) 2023/1795, in force 10.7.2023) that covers certified recipients only.
    DATA_PRIVACY_FRAMEWORK = (
        "dpf",
        _(
            "EU–Yhdysvallat-tietosuojakehys, sertifioitu vastaanottaja (komission päätös "
            "(EU) 2023/1795, 45 art.)"
        ),
    )
    # Commission Implementing Decision (EU) 2021/914 (the current standard clauses).
    STANDARD_CLAUSES = "scc", _("Komission vakiolausekkeet ((EU) 2021/914, 46 art. 2 c)")
    BINDING_CORPORATE_RULES = "bcr", _("Yritystä koskevat sitovat säännöt (47 art.)")
    DEROGATION = "derogation", _("Erityistilanteita koskeva poikkeus (49 art.)")
    # Kept so that old notices can be represented and flagged: invalid since
    # 16.7.2020 (CJEU C-311/18, Schrems II).
    PRIVACY_SHIELD = "privacy_shield", _("EU–US Privacy Shield (pätemätön 16.7.2020 alkaen)")


# Safeguards that can no longer be chosen for a new transfer: kept so that old data
# (an organisation's rows, an old export, the demo seeds) can still be represented,
# and flagged by the completeness check.
WITHDRAWN_SAFEGUARDS = frozenset({TransferSafeguard.PRIVACY_SHIELD})

_restoring_old_data: ContextVar[bool] = ContextVar("restoring_old_data", default=False)


@contextmanager
def restoring_old_data() -> Iterator[None]:
    """Let new rows take withdrawn choices: the import of an organisation's export
    and the demo seeds reproduce data that existed before, they do not choose anew."""
    token = _restoring_old_data.set(True)
    try:
        yield
    finally:
        _restoring_old_data.reset(token)


class Transfer(RegisterPart):
    """A transfer outside the EU/EEA with its safeguard (GDPR Art. 13(1)(f))."""

    recipient = models.ForeignKey(
        Recipient,
        verbose_name=_("vastaanottaja"),
        # RESTRICT, not PROTECT: deleting the whole controller still cascades.
        on_delete=models.RESTRICT,
        related_name="transfers",
        help_text=_(
            "Vastaanottaja, jolle tiedot siirretään EU:n tai ETA:n ulkopuolelle (13 art. 1 f)."
        ),
    )
    country = VisibleCharField(
        _("maa"),
        max_length=100,
        help_text=_("Kolmas maa, johon tiedot siirretään (13 art. 1 f, 30 art. 1 e)."),
    )
    safeguard = models.CharField(
        _("siirtoperuste"),
        max_length=20,
        choices=TransferSafeguard.choices,
        help_text=_(
            "Riittävyyspäätös (45 art.), asianmukaiset suojatoimet kuten vakiolausekkeet (46 "
            "art.) tai erityistilanteen poikkeus (49 art.) (13 art. 1 f)."
        ),
    )
    safeguard_details = FreeTextField(
        _("lisätietoja siirrosta"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_("Esim. mistä suojatoimista saa jäljennöksen (13 art. 1 f)."),
    )

    history = HistoricalRecords()

    class Meta(RegisterPart.Meta):
        verbose_name = _("siirto EU:n tai ETA:n ulkopuolelle")
        verbose_name_plural = _("siirrot EU:n tai ETA:n ulkopuolelle")
        default_related_name = "transfers"

    def __str__(self) -> str:
        return f"{self.recipient} ({self.country})"

    def clean(self) -> None:
        if (
            self.recipient_id
            and self.register_id
            and self.recipient.controller_id != self.register.controller_id
        ):
            raise ValidationError(
                {"recipient": _("Vastaanottaja kuuluu toiselle rekisterinpitäjälle.")},
                code="foreign_recipient",
            )
        # A notice must not both list a transfer and deny any (13 art. 1 f).
        if self.register_id and self.register.transfers_statement == TransfersStatement.NONE:
            raise ValidationError(
                _(
                    "Rekisterissä on valittu, ettei tietoja siirretä EU:n tai ETA:n "
                    "ulkopuolelle. Poista siirto tai muuta valintaa."
                ),
                code="transfer_denied",
            )
        # GDPR Art. 44-46, CJEU C-311/18: Privacy Shield is no ground for a transfer since
        # 16.7.2020. A row that already has it keeps it (edited for another reason).
        if (
            self.safeguard in WITHDRAWN_SAFEGUARDS
            and not _restoring_old_data.get()
            and not (
                self.pk and Transfer.objects.filter(pk=self.pk, safeguard=self.safeguard).exists()
            )
        ):
            raise ValidationError(
                {
                    "safeguard": ValidationError(
                        _(
                            "EU–US Privacy Shield on ollut pätemätön 16.7.2020 alkaen "
                            "(C-311/18), eikä sitä voi valita uudelle siirrolle. Valitse "
                            "voimassa oleva siirtoperuste."
                        ),
                        code="withdrawn_safeguard",
                    )
                }
            )


class RetentionUnit(models.TextChoices):
    DAYS = "days", _("päivää")
    MONTHS = "months", _("kuukautta")
    YEARS = "years", _("vuotta")


class RetentionRule(RegisterPart):
    """How long data is kept, or the criteria for it (GDPR Art. 13(2)(a), 30(1)(f))."""

    data_category = models.ForeignKey(
        DataCategory,
        verbose_name=_("tietoryhmä"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retention_rules",
        help_text=_("Tyhjä = koskee kaikkia rekisterin tietoja (30 art. 1 f)."),
    )
    period = models.PositiveIntegerField(
        _("säilytysaika"),
        null=True,
        blank=True,
        help_text=_(
            "Kuinka kauan tietoja säilytetään (13 art. 2 a). Jos kiinteää aikaa ei voi antaa, "
            "kirjoita peruste."
        ),
    )
    period_unit = models.CharField(
        _("yksikkö"),
        max_length=10,
        choices=RetentionUnit.choices,
        blank=True,
        help_text=_("Säilytysajan yksikkö (13 art. 2 a)."),
    )
    starts_from = VisibleCharField(
        _("alkaen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Tapahtuma, josta säilytysaika lasketaan, esim. ”asiakkuuden päättymisestä” (13 art. "
            "2 a)."
        ),
    )
    criteria = FreeTextField(
        _("säilytysajan peruste"),
        max_length=SHORT_TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Sanallinen peruste, jolla säilytysaika määritellään, jos kiinteää aikaa ei voi antaa "
            "(13 art. 2 a)."
        ),
    )

    history = HistoricalRecords()

    class Meta(RegisterPart.Meta):
        verbose_name = _("säilytyssääntö")
        verbose_name_plural = _("säilytyssäännöt")
        default_related_name = "retention_rules"
        constraints = [
            models.CheckConstraint(
                condition=Q(period__isnull=False) | ~Q(criteria=""),
                name="retention_has_period_or_criteria",
            ),
            models.CheckConstraint(
                condition=Q(period__isnull=True) | ~Q(period_unit=""),
                name="retention_period_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.period_text or self.criteria[:80]

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.period is None and not self.criteria.strip():
            errors["period"] = ValidationError(
                _("Anna säilytysaika tai sen määrittämisen peruste (13 art. 2 a)."),
                code="retention_required",
            )
        if self.period is not None and not self.period_unit:
            errors["period_unit"] = ValidationError(
                _("Valitse säilytysajan yksikkö."), code="period_unit_required"
            )
        if self.period is None and self.period_unit:
            errors["period"] = ValidationError(
                _("Anna säilytysajan pituus tai tyhjennä yksikkö."), code="period_required"
            )
        if self.period == 0:
            errors["period"] = ValidationError(
                _("Säilytysajan on oltava vähintään 1."), code="period_zero"
            )
        if (
            self.data_category_id
            and self.register_id
            and self.data_category.controller_id != self.register.controller_id
        ):
            errors["data_category"] = ValidationError(
                _("Tietoryhmä kuuluu toiselle rekisterinpitäjälle."), code="foreign_category"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def period_text(self) -> str:
        """E.g. "1 vuosi" or "10 vuotta asiakkuuden päättymisestä"."""
        if self.period is None:
            return ""
        forms = {
            RetentionUnit.DAYS: ngettext("%(n)s päivä", "%(n)s päivää", self.period),
            RetentionUnit.MONTHS: ngettext("%(n)s kuukausi", "%(n)s kuukautta", self.period),
            RetentionUnit.YEARS: ngettext("%(n)s vuosi", "%(n)s vuotta", self.period),
        }
        text = forms[RetentionUnit(self.period_unit)] % {"n": self.period}
        return f"{text} {self.starts_from}" if self.starts_from else text


class Cookie(RegisterPart):
    """A cookie or similar technology of a website the register covers."""

    name = VisibleCharField(
        _("eväste tai palvelu"),
        max_length=200,
        help_text=_(
            "Evästeen tai palvelun nimi, esim. ”Google Analytics” (sähköisen viestinnän "
            "palveluista annettu laki 205 §)."
        ),
    )
    purpose = VisibleCharField(
        _("käyttötarkoitus"),
        max_length=300,
        help_text=_(
            "Lyhyt otsikko, esim. ”Analytiikka”; saman tarkoituksen evästeet ryhmitellään. "
            "Käyttäjälle kerrotaan evästeen käyttötarkoitus (sähköisen viestinnän palveluista "
            "annettu laki 205 §)."
        ),
    )
    provider = VisibleCharField(
        _("tarjoaja"),
        max_length=200,
        blank=True,
        help_text=_(
            "Kuka evästeen asettaa, esim. kolmannen osapuolen palvelu (205 §; vastaanottaja 13 "
            "art. 1 e)."
        ),
    )
    duration = VisibleCharField(
        _("voimassaoloaika"),
        max_length=100,
        blank=True,
        help_text=_("Kuinka kauan eväste säilyy päätelaitteessa, esim. ”2 vuotta” (13 art. 2 a)."),
    )
    description = FreeTextField(
        _("kuvaus"),
        max_length=SHORT_TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Mitä tietoja eväste tai palvelu kerää ja mihin niitä käytetään (sähköisen viestinnän "
            "palveluista annettu laki 205 §)."
        ),
    )
    # Sähköisen viestinnän palveluista annettu laki 917/2014, 205 §: the user is told
    # of the cookie and may refuse it.
    opt_out = FreeTextField(
        _("miten evästeestä voi kieltäytyä"),
        max_length=SHORT_TEXT_LENGTH,
        blank=True,
        help_text=_(
            "Esim. ”Voit estää evästeen selaimen asetuksista.” (sähköisen viestinnän palveluista "
            "annettu laki 205 §)."
        ),
    )
    opt_out_url = VisibleURLField(
        _("kieltäytymislinkki"),
        blank=True,
        help_text=_(
            "Palveluntarjoajan sivu, jolla käytöstä voi kieltäytyä (opt-out; sähköisen viestinnän "
            "palveluista annettu laki 205 §)."
        ),
    )

    history = HistoricalRecords()

    class Meta(RegisterPart.Meta):
        verbose_name = _("eväste")
        verbose_name_plural = _("evästeet")
        default_related_name = "cookies"

    def __str__(self) -> str:
        return self.name


# --- The data subject's rights, and how each is exercised ------------------------------


class DataSubjectRight(models.TextChoices):
    """The rights a notice tells about (GDPR Art. 13(2)(b)-(c), 15-22), in notice order.

    The complaint to the supervisory authority (Art. 13(2)(d), 77) is not here: its
    text is the authority's contact details, not a procedure of the controller's.
    """

    ACCESS = "access", _("Oikeus tarkastaa tiedot")
    RECTIFICATION = "rectification", _("Oikeus tietojen oikaisemiseen")
    ERASURE = "erasure", _("Oikeus tietojen poistamiseen")
    RESTRICTION = "restriction", _("Oikeus käsittelyn rajoittamiseen")
    PORTABILITY = "portability", _("Oikeus siirtää tiedot järjestelmästä toiseen")
    OBJECTION = "objection", _("Oikeus vastustaa käsittelyä")
    DIRECT_MARKETING = (
        "direct_marketing",
        _("Oikeus vastustaa käsittelyä suoramarkkinointia varten"),
    )
    WITHDRAW_CONSENT = "withdraw_consent", _("Oikeus peruuttaa suostumus")
    AUTOMATED_DECISIONS = (
        "automated_decisions",
        _("Automaattiset päätökset ja oikeus saada asia ihmisen käsiteltäväksi"),
    )


# The rights that only some legal bases give; the others hold for every register
# (except Art. 22, which holds where solely automated decisions are made).
RIGHT_BASES: dict[str, frozenset[str]] = {
    # GDPR Art. 20(1)(a): portability of data processed on consent or contract.
    DataSubjectRight.PORTABILITY: frozenset({LegalBasis.CONSENT, LegalBasis.CONTRACT}),
    # GDPR Art. 21(1): objection to processing on a public task or legitimate interests.
    DataSubjectRight.OBJECTION: frozenset(
        {LegalBasis.LEGITIMATE_INTERESTS, LegalBasis.PUBLIC_TASK}
    ),
    # GDPR Art. 7(3): consent can be withdrawn.
    DataSubjectRight.WITHDRAW_CONSENT: frozenset({LegalBasis.CONSENT}),
}


class RightProcedureQuerySet(models.QuerySet["RightProcedure"]):
    def texts(self) -> dict[str, str]:
        """{right: text} in the order of DataSubjectRight."""
        by_right = {procedure.right: procedure.text for procedure in self}
        return {right: by_right[right] for right in DataSubjectRight.values if right in by_right}

    def save_texts(
        self, *, controller: Controller, register: Register | None, texts: dict[str, str]
    ) -> None:
        """Make the controller's (or, given, the register's) texts these: an empty text
        deletes its row. Rights not named in ``texts`` are left as they are."""
        existing = {
            procedure.right: procedure
            for procedure in self.filter(controller=controller, register=register)
        }
        for right, text in texts.items():
            procedure = existing.get(right)
            if not text:
                if procedure is not None:
                    procedure.delete()
                continue
            if procedure is None:
                procedure = RightProcedure(controller=controller, register=register, right=right)
            elif procedure.text == text:
                continue
            procedure.text = text
            procedure.full_clean()
            procedure.save()


class RightProcedure(models.Model):
    """How the organisation says one right is exercised (GDPR Art. 12(2): the
    controller facilitates the exercise of the rights of Art. 15-22).

    E.g. "a signed written request, in Finnish or English", the certificate given
    when a correction is refused, what cannot be erased and why. Shown under the
    right in the notice; a register's own text after the organisation's.
    """

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="right_procedures",
    )
    register = models.ForeignKey(
        Register,
        verbose_name=_("rekisteri"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="right_procedures",
        help_text=_("Tyhjä = koskee kaikkia organisaation rekistereitä."),
    )
    right = models.CharField(_("oikeus"), max_length=30, choices=DataSubjectRight.choices)
    text = FreeTextField(_("ohje"), max_length=TEXT_LENGTH)

    objects = RightProcedureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("oikeuden käyttämisen ohje")
        verbose_name_plural = _("oikeuksien käyttämisen ohjeet")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["controller", "right"],
                condition=Q(register__isnull=True),
                name="unique_controller_right_procedure",
                violation_error_message=_("Organisaatiolla on jo ohje tälle oikeudelle."),
            ),
            models.UniqueConstraint(
                fields=["register", "right"],
                condition=Q(register__isnull=False),
                name="unique_register_right_procedure",
                violation_error_message=_("Rekisterillä on jo ohje tälle oikeudelle."),
            ),
            # An empty text is no text: the editor deletes the row instead.
            models.CheckConstraint(condition=~Q(text=""), name="right_procedure_has_text"),
        ]

    def __str__(self) -> str:
        return str(DataSubjectRight(self.right).label) if self.right else ""

    def clean(self) -> None:
        if (
            self.register_id
            and self.controller_id
            and self.register.controller_id != self.controller_id
        ):
            raise ValidationError(
                {"register": _("Rekisteri kuuluu toiselle rekisterinpitäjälle.")},
                code="foreign_register",
            )


# --- Imports under review ---------------------------------------------------------------


class ImportOrigin(models.TextChoices):
    FILE = "file", _("tiedosto")
    PASTE = "paste", _("liitetty teksti")
    TEMPLATE = "template", _("mallipohja")


class ImportDraftQuerySet(models.QuerySet["ImportDraft"]):
    def for_controller(self, controller: Controller) -> ImportDraftQuerySet:
        return self.filter(controller=controller)

    def older_than(self, moment: datetime) -> ImportDraftQuerySet:
        return self.filter(created_at__lt=moment)


class ImportDraft(models.Model):
    """An imported notice or a template, proposed and waiting for the officer's review.

    Holds the proposal (registers.importing.proposal) between the upload and the
    review; deleted when the review is accepted or discarded, and a month after it
    was left (registers.import_views). Nothing of it is published or in a register.
    """

    # How long a review left half-way is kept: an abandoned upload is a copy of the
    # organisation's old notice that nobody needs.
    KEPT_FOR_DAYS = 30

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="import_drafts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tuoja"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The uploaded file's name or the template's title.
    origin = VisibleCharField(_("lähde"), max_length=255)
    origin_kind = models.CharField(_("lähteen laji"), max_length=20, choices=ImportOrigin.choices)
    proposal = models.JSONField(_("ehdotus"))
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("tarkistettava tuonti")
        verbose_name_plural = _("tarkistettavat tuonnit")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.controller}: {self.origin}"
