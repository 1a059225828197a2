"""A new organisation: creating it with its first admin, and its first steps.

Anyone signed in may create an organisation and becomes its admin (pääkäyttäjä). The
overview's checklist is read from the data, never from clicks: a step is done when
what it asks for exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from privacy_notices.models import NoticeVersion, PrivacyNotice
from registers.models import Controller, Membership, MembershipRole, Register
from registers.validators import RESERVED_SLUGS

SLUG_MAX_LENGTH = Controller._meta.get_field("slug").max_length or 80


def suggested_slug(name: str) -> str:
    """A free slug made of the name ("Äänekosken Öljy Oy" -> "aanekosken-oljy-oy").

    Empty when the name has no letters or digits to make one of. A slug already taken
    or reserved gets a number: "-2", "-3", …
    """
    base = slugify(name)[:SLUG_MAX_LENGTH].strip("-")
    if not base:
        return ""
    candidate, number = base, 1
    while candidate in RESERVED_SLUGS or Controller.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return candidate


@transaction.atomic
def create_organisation(*, controller: Controller, admin: AbstractBaseUser) -> Controller:
    """Save a validated new controller with ``admin`` as its first admin."""
    controller.save()
    Membership.objects.create(user=admin, controller=controller, role=MembershipRole.ADMIN)
    return controller


@dataclass(frozen=True)
class Step:
    title: Promise
    done: bool
    url: str
    # Another way to do it, for editors: (title, url).
    alternative: tuple[Promise, str] | None = None


def first_steps(controller: Controller) -> list[Step]:
    """The checklist of a new organisation, in one query."""
    org = controller.slug
    state = (
        Controller.objects.filter(pk=controller.pk)
        .annotate(
            has_register=Exists(Register.objects.filter(controller=OuterRef("pk"))),
            has_notice=Exists(PrivacyNotice.objects.filter(controller=OuterRef("pk"))),
            has_version=Exists(NoticeVersion.objects.filter(controller=OuterRef("pk"))),
        )
        .values("has_register", "has_notice", "has_version")
        .get()
    )
    # GDPR Art. 13(1)(a): the controller's identity and contact details.
    details = bool(
        controller.name
        and controller.street_address
        and controller.city
        and (controller.email or controller.phone)
    )
    return [
        Step(
            _("Täydennä rekisterinpitäjän yhteystiedot"),
            details,
            reverse("registers:controller", kwargs={"org": org}),
        ),
        Step(
            _("Luo ensimmäinen rekisteri"),
            state["has_register"],
            reverse("registers:register_create", kwargs={"org": org}),
            alternative=(
                _("tai tuo vanha seloste tai aloita mallipohjasta"),
                reverse("registers:import_start", kwargs={"org": org}),
            ),
        ),
        Step(
            _("Luo ensimmäinen tietosuojaseloste"),
            state["has_notice"],
            reverse("privacy_notices:notice_create", kwargs={"org": org}),
        ),
        Step(
            _("Julkaise seloste"),
            state["has_version"],
            reverse("privacy_notices:notice_list", kwargs={"org": org}),
        ),
    ]
