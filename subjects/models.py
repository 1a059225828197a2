"""Data subject requests (GDPR Art. 15-22 and 7(3)) and how they are handled.

A request is itself personal data: only the organisation's members see it (the
editor's tenancy, registers/access.py), nothing of it is logged, and a closed
request is anonymised after the organisation's retention period
(``purge_requests``), keeping only what statistics need.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registers.fields import SHORT_TEXT_LENGTH, TEXT_LENGTH, FreeTextField, VisibleCharField
from registers.models import Controller, DataSubjectRight, Register
from subjects.deadlines import add_months


class RequestType(models.TextChoices):
    """What the person asks for; each is a right a notice tells about."""

    ACCESS = "access", _("Tietojen tarkastaminen (15 art.)")
    RECTIFICATION = "rectification", _("Tietojen oikaiseminen (16 art.)")
    ERASURE = "erasure", _("Tietojen poistaminen (17 art.)")
    RESTRICTION = "restriction", _("Käsittelyn rajoittaminen (18 art.)")
    PORTABILITY = "portability", _("Tietojen siirtäminen järjestelmästä toiseen (20 art.)")
    OBJECTION = "objection", _("Käsittelyn vastustaminen (21 art.)")
    WITHDRAW_CONSENT = "withdraw_consent", _("Suostumuksen peruuttaminen (7 art. 3 kohta)")


# The type as the e-mails name it inside a sentence, without the article.
REQUEST_TYPE_NAMES: dict[str, Any] = {
    RequestType.ACCESS: _("tietojen tarkastaminen"),
    RequestType.RECTIFICATION: _("tietojen oikaiseminen"),
    RequestType.ERASURE: _("tietojen poistaminen"),
    RequestType.RESTRICTION: _("käsittelyn rajoittaminen"),
    RequestType.PORTABILITY: _("tietojen siirtäminen järjestelmästä toiseen"),
    RequestType.OBJECTION: _("käsittelyn vastustaminen"),
    RequestType.WITHDRAW_CONSENT: _("suostumuksen peruuttaminen"),
}

# The right of a published notice (privacy_notices/rights.py) that offers each type.
# Art. 21(2), the objection to direct marketing, is an objection as much as 21(1).
RIGHT_TYPES: dict[str, RequestType] = {
    DataSubjectRight.ACCESS: RequestType.ACCESS,
    DataSubjectRight.RECTIFICATION: RequestType.RECTIFICATION,
    DataSubjectRight.ERASURE: RequestType.ERASURE,
    DataSubjectRight.RESTRICTION: RequestType.RESTRICTION,
    DataSubjectRight.PORTABILITY: RequestType.PORTABILITY,
    DataSubjectRight.OBJECTION: RequestType.OBJECTION,
    DataSubjectRight.DIRECT_MARKETING: RequestType.OBJECTION,
    DataSubjectRight.WITHDRAW_CONSENT: RequestType.WITHDRAW_CONSENT,
}


class RequestStatus(models.TextChoices):
    # Submitted, the address not yet confirmed: not in the inbox, deleted after
    # CONFIRMATION_LIFETIME.
    UNCONFIRMED = "unconfirmed", _("Odottaa sähköpostiosoitteen vahvistusta")
    RECEIVED = "received", _("Vastaanotettu")
    IDENTITY = "identity", _("Henkilöllisyyden varmistus")
    IN_PROGRESS = "in_progress", _("Käsittelyssä")
    DONE = "done", _("Valmis")
    REFUSED = "refused", _("Hylätty")


OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IDENTITY, RequestStatus.IN_PROGRESS)
CLOSED_STATUSES = (RequestStatus.DONE, RequestStatus.REFUSED)

# The workflow: where a request may go from each status. A closed request may be
# reopened (a mistaken click, or the person answers the refusal with new facts).
TRANSITIONS: dict[str, tuple[RequestStatus, ...]] = {
    RequestStatus.RECEIVED: (
        RequestStatus.IDENTITY,
        RequestStatus.IN_PROGRESS,
        RequestStatus.DONE,
        RequestStatus.REFUSED,
    ),
    RequestStatus.IDENTITY: (RequestStatus.IN_PROGRESS, RequestStatus.DONE, RequestStatus.REFUSED),
    RequestStatus.IN_PROGRESS: (RequestStatus.IDENTITY, RequestStatus.DONE, RequestStatus.REFUSED),
    RequestStatus.DONE: (RequestStatus.IN_PROGRESS,),
    RequestStatus.REFUSED: (RequestStatus.IN_PROGRESS,),
}

# An unconfirmed request's link works this long; then the request is deleted.
CONFIRMATION_LIFETIME = timedelta(days=7)

# GDPR Art. 12(3): one month, extendable "enintään kahdella kuukaudella".
DEADLINE_MONTHS = 1
MAX_EXTENSION_MONTHS = 2

# An open request due within this many days is highlighted as soon due.
SOON_DUE_DAYS = 7


class SubjectRequestQuerySet(models.QuerySet["SubjectRequest"]):
    def for_controller(self, controller: Controller) -> SubjectRequestQuerySet:
        return self.filter(controller=controller)

    def received(self) -> SubjectRequestQuerySet:
        """Requests that count: their address confirmed. The inbox shows only these."""
        return self.exclude(status=RequestStatus.UNCONFIRMED)

    def open(self) -> SubjectRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date) -> SubjectRequestQuerySet:
        return self.open().filter(due_on__lt=today)

    def soon_due(self, today: date) -> SubjectRequestQuerySet:
        return self.open().filter(
            due_on__gte=today, due_on__lte=today + timedelta(days=SOON_DUE_DAYS)
        )


class SubjectRequest(models.Model):
    """One person's request about their own data to one organisation."""

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="subject_requests",
    )
    # Short and readable over the phone; unique across the installation.
    reference = models.CharField(_("viite"), max_length=16, unique=True, editable=False)
    request_type = models.CharField(_("pyynnön tyyppi"), max_length=20, choices=RequestType.choices)
    registers = models.ManyToManyField(
        Register, verbose_name=_("rekisterit"), blank=True, related_name="subject_requests"
    )
    registers_unknown = models.BooleanField(_("rekisteri ei tiedossa"), default=False)
    name = VisibleCharField(_("nimi"), max_length=200, blank=True)
    email = models.EmailField(_("sähköposti"), blank=True)
    phone = VisibleCharField(_("puhelin"), max_length=40, blank=True)
    message = FreeTextField(_("viesti"), max_length=TEXT_LENGTH, blank=True)
    correction = FreeTextField(_("mitä pitäisi korjata"), max_length=TEXT_LENGTH, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.UNCONFIRMED
    )
    # The deadline runs from submission (GDPR Art. 12(3): "pyynnön vastaanottamisesta"):
    # the controller's system had it then, confirmed or not. See docs/decisions.md.
    received_at = models.DateTimeField(_("vastaanotettu"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("sähköposti vahvistettu"), null=True, blank=True)
    # Stored, not only computed, so the inbox filters and sorts by it in the database.
    due_on = models.DateField(_("määräpäivä"))
    extension_months = models.PositiveSmallIntegerField(_("jatkoaika (kk)"), default=0)
    extension_reason = FreeTextField(_("jatkamisen syy"), max_length=SHORT_TEXT_LENGTH, blank=True)
    # GDPR Art. 12(4): the reasons for not taking action.
    refusal_reason = FreeTextField(_("hylkäämisen syy"), max_length=TEXT_LENGTH, blank=True)
    closed_at = models.DateTimeField(_("käsittely päättyi"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisoitu"), null=True, blank=True)
    # SHA-256 of the confirmation link's token; cleared once used.
    confirmation_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekisteröidyn pyyntö")
        verbose_name_plural = _("rekisteröityjen pyynnöt")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(extension_months__lte=MAX_EXTENSION_MONTHS),
                name="request_extension_at_most_two_months",
            ),
            models.CheckConstraint(
                # GDPR Art. 12(4); anonymising blanks the reason, the outcome stays.
                condition=~Q(status=RequestStatus.REFUSED)
                | ~Q(refusal_reason="")
                | Q(anonymised_at__isnull=False),
                name="request_refusal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["controller", "status", "due_on"])]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.due_on is None:
            self.due_on = self.deadline()
        super().save(*args, **kwargs)

    @property
    def received_on(self) -> date:
        return timezone.localdate(self.received_at)

    def deadline(self, extension_months: int | None = None) -> date:
        """GDPR Art. 12(3): one month from receipt, plus any extension."""
        months = self.extension_months if extension_months is None else extension_months
        return add_months(self.received_on, DEADLINE_MONTHS + months)

    @property
    def first_deadline(self) -> date:
        """The end of the first month: an extension must be told to the person by then."""
        return add_months(self.received_on, DEADLINE_MONTHS)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def next_statuses(self) -> tuple[RequestStatus, ...]:
        if self.is_anonymised:
            return ()
        return TRANSITIONS.get(self.status, ())

    def can_extend(self, today: date) -> bool:
        """An extension is told within the first month (Art. 12(3)), up to two months."""
        return (
            self.is_open
            and self.extension_months < MAX_EXTENSION_MONTHS
            and today <= self.first_deadline
        )

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


class RequestAction(models.TextChoices):
    SUBMITTED = "submitted", _("Pyyntö lähetetty")
    CONFIRMED = "confirmed", _("Sähköpostiosoite vahvistettu")
    STATUS = "status", _("Tila muutettu")
    EXTENDED = "extended", _("Määräaikaa jatkettu")
    NOTE = "note", _("Muistiinpano")
    REPLY = "reply", _("Viesti lähetetty pyytäjälle")
    ANONYMISED = "anonymised", _("Anonymisoitu")


class RequestEvent(models.Model):
    """One step in a request's audit trail: who, when, what.

    The actor's label is copied, so the trail reads right after a user is deleted.
    ``text`` holds a note or a sent message; it is blanked when the request is
    anonymised, the rest of the trail stays.
    """

    request = models.ForeignKey(
        SubjectRequest, verbose_name=_("pyyntö"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("aika"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tekijä"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("tekijä"), max_length=254, blank=True)
    action = models.CharField(_("tapahtuma"), max_length=20, choices=RequestAction.choices)
    old_status = models.CharField(
        _("vanha tila"), max_length=20, choices=RequestStatus.choices, blank=True
    )
    new_status = models.CharField(
        _("uusi tila"), max_length=20, choices=RequestStatus.choices, blank=True
    )
    subject = models.CharField(_("otsikko"), max_length=200, blank=True)
    text = models.TextField(_("teksti"), blank=True)

    class Meta:
        verbose_name = _("pyynnön tapahtuma")
        verbose_name_plural = _("pyynnön tapahtumat")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} – {self.get_action_display()}"


class ReplyKind(models.TextChoices):
    RECEIPT = "receipt", _("Vastaanottokuittaus")
    IDENTITY = "identity", _("Henkilöllisyyden varmistaminen")
    EXTENSION = "extension", _("Määräajan jatkaminen")
    COMPLETED = "completed", _("Pyyntö käsitelty")
    REFUSED = "refused", _("Pyynnön hylkääminen")


class ReplyTemplate(models.Model):
    """An organisation's own wording of one kind of reply; absent, the default is used."""

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="reply_templates",
    )
    kind = models.CharField(_("viestipohja"), max_length=20, choices=ReplyKind.choices)
    subject = VisibleCharField(_("otsikko"), max_length=200)
    body = FreeTextField(_("viesti"), max_length=TEXT_LENGTH)

    class Meta:
        verbose_name = _("viestipohja")
        verbose_name_plural = _("viestipohjat")
        ordering = ["controller", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "kind"], name="unique_reply_template")
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


DEFAULT_RETENTION_MONTHS = 24


class RequestPolicy(models.Model):
    """An organisation's settings for its requests; absent, the defaults hold."""

    controller = models.OneToOneField(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="request_policy",
    )
    retention_months = models.PositiveSmallIntegerField(
        _("säilytysaika käsittelyn päättymisen jälkeen (kuukautta)"),
        default=DEFAULT_RETENTION_MONTHS,
        help_text=_(
            "Käsitellyn pyynnön henkilötiedot anonymisoidaan tämän ajan kuluttua. Tyyppi, "
            "päivämäärät ja lopputulos säilyvät tilastoja varten."
        ),
    )

    class Meta:
        verbose_name = _("pyyntöjen asetukset")
        verbose_name_plural = _("pyyntöjen asetukset")
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_months__gte=1) & Q(retention_months__lte=120),
                name="request_retention_between_1_and_120_months",
            )
        ]

    def __str__(self) -> str:
        return str(self.controller)


class SubmissionAttempt(models.Model):
    """One submission of the public form, for the rate limits; kept for a day.

    The client's address is stored only as a keyed hash (subjects/limits.py).
    """

    controller = models.ForeignKey(Controller, on_delete=models.CASCADE, related_name="+")
    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("lomakkeen lähetys")
        verbose_name_plural = _("lomakkeen lähetykset")

    def __str__(self) -> str:
        return f"{self.controller_id} {self.at:%Y-%m-%d %H:%M}"
