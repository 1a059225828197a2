"""Privacy notices (tietosuojaseloste): which registers a notice covers, in what order."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.models import Controller, Register


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
    title = models.CharField(_("otsikko"), max_length=200, default="Tietosuojaseloste")
    slug = models.SlugField(_("verkko-osoitteen tunniste"), max_length=80)
    intro = models.TextField(
        _("johdanto"),
        blank=True,
        help_text=_("Näkyy selosteen alussa, esim. mitä seloste kattaa ja mitä ei."),
    )
    change_policy = models.TextField(
        _("selosteen muuttaminen"),
        blank=True,
        help_text=_("Miten selostetta päivitetään ja muutoksista kerrotaan."),
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

    def ordered_registers(self) -> models.QuerySet[Register]:
        return self.registers.order_by("noticeregister__position", "noticeregister__pk")


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
