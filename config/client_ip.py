"""The visitor's IP address, also behind the shipped nginx.

Behind a reverse proxy every request comes from the proxy's address, so a lockout
by address (django-axes) would lock everybody out at once, or nobody. The shipped
nginx (deploy/nginx/seloste.conf.template) overwrites ``X-Real-IP`` with the
address it saw; that header is believed only on a request that came from one of
``TRUSTED_PROXIES``, never from a client directly.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded
    return remote
