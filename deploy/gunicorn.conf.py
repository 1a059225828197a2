"""gunicorn settings for Seloste in production (docs/deploy.md).

Run from the project directory: ``gunicorn -c deploy/gunicorn.conf.py``. Every value
can be changed with the environment variable named beside it.

The app sits behind the shipped nginx (deploy/nginx/seloste.conf), which buffers
slow clients and serves static files and cached public pages itself; gunicorn
serves only what nginx passes on, on loopback.
"""

from __future__ import annotations

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads let a worker answer other requests while one of its threads waits for a
# PDF that renders in a separate process (privacy_notices/pdf.py).
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request may wait for a PDF render, which its own time limit (PDF_RENDER_TIMEOUT,
# 20 s by default) ends first; this is the last resort for a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# The app is imported once in the master and the workers fork from it (config/wsgi.py
# also imports every view there), so starting or restarting a worker is cheap.
# A code upgrade therefore needs a restart of the service, not a HUP (docs/deploy.md).
preload_app = True

# Restart each worker after about this many requests, spread out by the jitter so
# that the workers never restart together: bounds any slow memory growth. PDFs render
# in short-lived processes of their own (privacy_notices/pdf.py), so WeasyPrint's
# memory creep no longer accumulates in the workers.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))

# Only the local nginx may say which protocol the client used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr: systemd's journal (or the container runtime) keeps them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = True

# No control socket (gunicornctl): nothing uses it, and it would need a writable home.
control_socket_disable = True

# The heartbeat file on memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
