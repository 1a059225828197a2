"""Seloste's rules for django-allauth (``ACCOUNT_ADAPTER``): sign-up and sign-in.

- Sign-up is open unless ``SIGNUP_OPEN`` is off; then the sign-up page says so and
  creates nothing (an installation for one organisation admits invited people only).
- Rate limits count by the visitor's own address behind the shipped nginx, the same
  one django-axes locks (``config.client_ip``), not nginx's 127.0.0.1.
- A confirmed e-mail address is required only of accounts that have one on record
  (every sign-up does). Users made by staff in the admin or by ``load_demo`` have no
  e-mail address row and sign in by username as before; nobody can confirm an address
  for them, and staff vouched for them.
"""

from __future__ import annotations

# allauth.account.stages imported first, before allauth.account.internal, is a
# circular import inside allauth 65: the system checks may load this adapter before
# anything else of allauth (their order is not fixed), so internal comes first.
import allauth.account.internal  # noqa: F401
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from config.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.SIGNUP_OPEN)

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request) or super().get_client_ip(request)

    def get_login_stages(self) -> list[str]:
        stage = f"{EmailVerificationStage.__module__}.{EmailVerificationStage.__name__}"
        return [
            f"{__name__}.{StaffMadeAccountStage.__name__}" if path == stage else path
            for path in super().get_login_stages()
        ]


class StaffMadeAccountStage(EmailVerificationStage):
    """allauth's mandatory confirmation, skipped for accounts with no address on record."""

    def handle(self) -> tuple[HttpResponse | None, bool]:
        # No user: allauth's enumeration guard, which must look like a new sign-up.
        user = self.login.user
        if user is not None and not EmailAddress.objects.filter(user_id=user.pk).exists():
            return None, True
        return super().handle()
