"""Privacy notices (tietosuojaseloste): which registers a notice covers, in what order."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.fields import (
    LONG_TEXT_LENGTH,
    SHORT_TEXT_LENGTH,
    TEXT_LENGTH,
    FreeTextField,
    VisibleCharField,
)
from registers.models import Controller, Register

# Second path segments of the public routes (/<org>/<segment>/): a notice slug can
# never be one of them. "pyynto" is kept free for the data subject request form.
RESERVED_NOTICE_SLUGS = frozenset({"api", "pyynto", "pyynnot", "versiot", "static", "media"})


def validate_not_reserved_notice_slug(value: str) -> None:
    if value.lower() in RESERVED_NOTICE_SLUGS:
        raise ValidationError(
            _("Tunniste %(slug)s on varattu sovelluksen omalle käytölle. Valitse toinen."),
            params={"slug": value},
            code="reserved_slug",
        )


class PrivacyNoticeQuerySet(models.QuerySet["PrivacyNotice"]):
    def for_controller(self, controller: Controller) -> PrivacyNoticeQuerySet:
        return self.filter(controller=controller)


class PrivacyNotice(models.Model):
    """A controller's notice covering one or more of its registers."""

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    title = VisibleCharField(_("otsikko"), max_length=200, default="Tietosuojaseloste")
    slug = models.SlugField(
        _("verkko-osoitteen tunniste"),
        max_length=80,
        validators=[validate_not_reserved_notice_slug],
        help_text=_("Julkisen sivun osoitteessa, esim. /smart-time-oy/tietosuojaseloste/."),
    )
    intro = FreeTextField(
        _("johdanto"),
        max_length=LONG_TEXT_LENGTH,
        blank=True,
        help_text=_("Näkyy selosteen alussa, esim. mitä seloste kattaa ja mitä ei."),
    )
    change_policy = FreeTextField(
        _("selosteen muuttaminen"),
        max_length=TEXT_LENGTH,
        blank=True,
        help_text=_("Miten selostetta päivitetään ja muutoksista kerrotaan."),
    )
    drafted_on = models.DateField(
        _("laadittu"),
        null=True,
        blank=True,
        help_text=_(
            "Päivä, jona seloste alun perin laadittiin, jos se on vanhempi kuin "
            "Selosteessa julkaistut versiot. Näkyy selosteen alussa."
        ),
    )
    # The headings of the old rekisteriseloste (henkilötietolaki 523/1999, 10 §) call
    # recipients "säännönmukaiset luovutukset" and sources "säännönmukaiset
    # tietolähteet"; processors receive data but are not a disclosure (luovutus), so
    # the GDPR's words are the default (Art. 4(9), 13(1)(e), 14(2)(f)).
    traditional_headings = models.BooleanField(
        _("perinteiset otsikot"),
        default=False,
        help_text=_(
            "Käytä vastaanottajista ja tietolähteistä vanhan rekisteriselosteen otsikoita "
            "”Tietojen säännönmukaiset luovutukset” ja ”Säännönmukaiset tietolähteet”."
        ),
    )
    registers = models.ManyToManyField(
        Register,
        verbose_name=_("rekisterit"),
        through="NoticeRegister",
        related_name="notices",
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    updated_at = models.DateTimeField(_("muokattu"), auto_now=True)

    objects = PrivacyNoticeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tietosuojaseloste")
        verbose_name_plural = _("tietosuojaselosteet")
        ordering = ["controller", "title"]
        constraints = [
            models.UniqueConstraint(fields=["controller", "slug"], name="unique_notice_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.controller}: {self.title}"

    def get_absolute_url(self) -> str:
        """The public URL of the newest published version."""
        return reverse(
            "public_notices:latest", kwargs={"org": self.controller.slug, "notice": self.slug}
        )

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        first_published = self.first_published_on()
        # Published versions link to each other by this slug; changing it would
        # break the permanent URLs of every version already out.
        if first_published is not None:
            old = PrivacyNotice.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if old is not None and old != self.slug:
                errors["slug"] = ValidationError(
                    _("Julkaistun selosteen verkko-osoitetta ei voi muuttaa."),
                    code="published_slug",
                )
        if self.drafted_on is not None:
            problem = _date_problem(self.drafted_on, first_published=first_published)
            if problem is not None:
                errors["drafted_on"] = problem
        if errors:
            raise ValidationError(errors)

    def ordered_registers(self) -> models.QuerySet[Register]:
        return self.registers.order_by("noticeregister__position", "noticeregister__pk")

    @transaction.atomic
    def move_register(self, register: Register, offset: int) -> None:
        """Move a covered register ``offset`` places (-1 up, 1 down); no-op at an end."""
        links = list(
            NoticeRegister.objects.select_for_update()
            .filter(notice=self)
            .order_by("position", "pk")
        )
        index = next(i for i, link in enumerate(links) if link.register_id == register.pk)
        target = index + offset
        if not 0 <= target < len(links):
            return
        links[index], links[target] = links[target], links[index]
        for position, link in enumerate(links):
            if link.position != position:
                link.position = position
                link.save(update_fields=["position"])

    def latest_version(self) -> NoticeVersion | None:
        return self.versions.order_by("-number").first()

    def next_version_number(self) -> int:
        """The number publishing the draft now would give (publishing.py decides it)."""
        latest = self.versions.order_by("-number").values_list("number", flat=True).first()
        return (latest or 0) + 1

    def first_published_on(self) -> date | None:
        """The day (Helsinki time) of the first version published with Seloste, if any."""
        if self.pk is None:
            return None
        first = self.versions.order_by("number").values_list("published_at", flat=True).first()
        return None if first is None else timezone.localdate(first)


def day_text(day: date) -> str:
    """A date the Finnish way, e.g. 9.12.2020."""
    return f"{day.day}.{day.month}.{day.year}"


def _date_problem(day: date, *, first_published: date | None) -> ValidationError | None:
    """Why a date of the notice's history before Seloste cannot be ``day``; None if it can."""
    today = timezone.localdate()
    if day > today:
        return ValidationError(
            _("Päivämäärä ei voi olla tulevaisuudessa (tänään on %(today)s)."),
            params={"today": day_text(today)},
            code="future_date",
        )
    # History before Seloste ends where Seloste's own versions begin.
    if first_published is not None and day > first_published:
        return ValidationError(
            _(
                "Päivämäärä ei voi olla ensimmäisen Selosteessa julkaistun version "
                "(%(first)s) jälkeen: myöhemmät muutokset kerrotaan julkaistujen versioiden "
                "muutoskuvauksissa."
            ),
            params={"first": day_text(first_published)},
            code="after_first_version",
        )
    return None


class EarlierChange(models.Model):
    """A dated line of the notice's change log from before it was published with Seloste.

    Real notices carry lines such as "9.12.2020 Lisätty evästeet"; they are shown
    after (older than) the notice's own published versions.
    """

    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("tietosuojaseloste"),
        on_delete=models.CASCADE,
        related_name="earlier_history",
    )
    date = models.DateField(_("päivämäärä"))
    text = FreeTextField(
        _("muutos"),
        max_length=SHORT_TEXT_LENGTH,
        blank=True,
        help_text=_("Esim. ”Lisätty evästeet.” Tyhjänä näkyy ”Selostetta päivitetty.”"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aiempi muutos")
        verbose_name_plural = _("aiemmat muutokset ennen Selostetta")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{day_text(self.date)}: {self.text}"

    def clean(self) -> None:
        try:
            notice = self.notice
        except PrivacyNotice.DoesNotExist:
            return
        if self.date is None:
            return
        problem = _date_problem(self.date, first_published=notice.first_published_on())
        if problem is None and notice.drafted_on is not None and self.date < notice.drafted_on:
            problem = ValidationError(
                _("Muutos ei voi olla ennen selosteen laatimispäivää (%(drafted)s)."),
                params={"drafted": day_text(notice.drafted_on)},
                code="before_drafted",
            )
        if problem is not None:
            raise ValidationError({"date": problem})


class NoticeRegister(models.Model):
    """A register's place in a notice."""

    notice = models.ForeignKey(PrivacyNotice, on_delete=models.CASCADE)
    register = models.ForeignKey(Register, verbose_name=_("rekisteri"), on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("järjestys"), default=0)

    class Meta:
        verbose_name = _("selosteen rekisteri")
        verbose_name_plural = _("selosteen rekisterit")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "register"], name="unique_notice_register"),
        ]

    def __str__(self) -> str:
        return str(self.register)


class ImmutableVersionError(Exception):
    """Raised when code tries to change or delete a published notice version."""


class NoticeVersionQuerySet(models.QuerySet["NoticeVersion"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableVersionError("A published notice version cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableVersionError("A published notice version cannot be deleted.")

    def published_for(self, org: str, notice: str) -> NoticeVersionQuerySet:
        """Versions of the notice at /<org>/<notice>/, newest first."""
        return self.filter(controller__slug=org, notice__slug=notice).order_by("-number")


class NoticeVersion(models.Model):
    """An immutable published snapshot of a notice.

    ``content`` holds everything the notice shows, frozen at publishing; the stored
    HTML page and PDF are rendered from it once and served as they are, so a
    version's URL returns the same bytes forever. Nothing updates or deletes a row:
    the model and its QuerySet refuse. The only way a version goes is together with
    its whole organisation (the controller foreign key cascades; the notice one is
    RESTRICT, so deleting a notice alone fails).
    """

    controller = models.ForeignKey(
        Controller,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.CASCADE,
        related_name="notice_versions",
        editable=False,
    )
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("tietosuojaseloste"),
        on_delete=models.RESTRICT,
        related_name="versions",
        editable=False,
    )
    number = models.PositiveIntegerField(_("versio"), editable=False)
    published_at = models.DateTimeField(_("julkaistu"), default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("julkaisija"),
        # PROTECT: SET_NULL would rewrite a published row.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_notice_versions",
        editable=False,
    )
    # Typed by the publisher (PublishForm); a version is never validated again after
    # publishing, nor when it is imported byte for byte.
    change_note = FreeTextField(_("muutoksen kuvaus"), editable=False, max_length=SHORT_TEXT_LENGTH)
    acknowledged_issues = models.JSONField(
        _("kuitatut puutteet"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Puutteet, jotka julkaisija kuittasi julkaistessaan."),
    )
    content = models.JSONField(_("jäädytetty sisältö"), editable=False)
    # Of the content's canonical JSON (publishing.content_sha256): the database may
    # reorder a JSON object's keys, so the hash is of a form that does not depend on it.
    content_sha256 = models.CharField(_("sisällön SHA-256"), max_length=64, editable=False)
    rendered_html = models.TextField(_("julkaistu HTML-sivu"), editable=False)
    html_sha256 = models.CharField(_("HTML:n SHA-256"), max_length=64, editable=False)
    pdf = models.BinaryField(_("PDF"), editable=False)
    pdf_sha256 = models.CharField(_("PDF:n SHA-256"), max_length=64, editable=False)

    objects = NoticeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("julkaistu versio")
        verbose_name_plural = _("julkaistut versiot")
        ordering = ["notice", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "number"], name="unique_notice_version"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="version_number_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} – versio {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableVersionError("A published notice version cannot be updated.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public_notices:version", kwargs=self.url_kwargs())

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableVersionError("A published notice version cannot be deleted.")

    def url_kwargs(self) -> dict[str, Any]:
        return {
            "org": self.content["controller"]["slug"],
            "notice": self.content["slug"],
            "number": self.number,
        }

    @property
    def etag(self) -> str:
        return f'"{self.html_sha256}"'
