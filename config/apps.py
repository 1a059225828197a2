"""django-axes under a Finnish name; its ready() puts third-party admins in Finnish."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class SignInLimitsConfig(AxesAppConfig):
    verbose_name = _("Kirjautumisten valvonta")

    def ready(self) -> None:
        super().ready()
        # After every admin.py: django.contrib.admin's ready() imported them.
        from config import finnish_admin

        finnish_admin.register()
