from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyNoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy_notices"
    verbose_name = _("Tietosuojaselosteet")
