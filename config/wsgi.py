from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Import the URLconf and with it every view now, not on a worker's first request:
# under gunicorn's preload_app (deploy/gunicorn.conf.py) each worker then forks with
# all of it loaded, and a restarted worker answers its first request in milliseconds
# instead of about a second.
get_resolver().url_patterns  # noqa: B018 (evaluated for its import side effect)
