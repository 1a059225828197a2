"""Settings refuse unsafe or malformed configuration with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# Variables whose absence the tests mean: the production defaults apply without them.
_UNSET = ("SECURE_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "AXES_")


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python in the project with only ``env`` set of the settings' variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_UNSET)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean | env, capture_output=True, text=True
    )


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    return _run("-c", "import config.settings", **env)


def _settings_value(expression: str, **env: str) -> str:
    """repr() of an expression over the settings (``s``), production unless env says."""
    code = f"from config import settings as s; print(repr(({expression})))"
    result = _run("-c", code, **({"SECRET_KEY": "x" * 50} | env))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_it_refuses_to_start_without_secret_key_when_debug_is_off() -> None:
    result = _load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_debug_run_works_without_any_secret() -> None:
    assert _load_settings(DEBUG="1").returncode == 0


def test_production_starts_with_a_secret_key() -> None:
    assert _load_settings(SECRET_KEY="x" * 50).returncode == 0


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("EMAIL_PORT", "twenty-five"),
        ("AXES_ADDRESS_FAILURE_LIMIT", "many"),
        ("SITE_URL", "seloste.example.fi"),
        ("SITE_URL", "https://seloste.example.fi/polku"),
    ],
)
def test_it_rejects_malformed_values(name: str, value: str) -> None:
    result = _load_settings(**{"SECRET_KEY": "x" * 50, name: value})
    assert result.returncode != 0
    assert f"{name} must be" in result.stderr


def test_database_url_selects_the_database() -> None:
    result = _run(
        "-c",
        "from config import settings; print(settings.DATABASES['default']['ENGINE'])",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u@h:5432/d",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_production_assumes_the_shipped_tls_proxy() -> None:
    # Only SECRET_KEY set: secure by default, as behind deploy/nginx/seloste.conf.
    assert _settings_value("s.SECURE_PROXY_SSL_HEADER") == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert _settings_value("s.SECURE_SSL_REDIRECT") == "True"
    assert _settings_value("s.SECURE_HSTS_SECONDS") == "31536000"
    assert _settings_value("s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD") == (
        "(True, True)"
    )
    assert _settings_value("s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE") == "(True, True)"
    assert _settings_value("s.DATABASES['default']['CONN_HEALTH_CHECKS']") == "True"


def test_a_development_run_has_none_of_the_proxy_assumptions() -> None:
    assert _settings_value(
        "s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS", DEBUG="1"
    ) == ("(None, False, 0)")


def test_each_security_default_is_changeable_by_its_variable() -> None:
    assert _settings_value("s.SECURE_SSL_REDIRECT", SECURE_SSL_REDIRECT="0") == "False"
    assert _settings_value("s.SECURE_PROXY_SSL_HEADER", SECURE_PROXY_SSL_HEADER="0") == "None"
    assert _settings_value("s.SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="300") == "300"


def test_turning_hsts_preload_off_is_a_choice_the_deploy_check_accepts() -> None:
    assert _settings_value("s.SILENCED_SYSTEM_CHECKS") == "[]"
    assert _settings_value(
        "s.SILENCED_SYSTEM_CHECKS",
        SECURE_HSTS_PRELOAD="0",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
    ) == ("['security.W005', 'security.W021']")


def test_the_deploy_check_passes_with_only_the_minimal_production_environment() -> None:
    import secrets

    result = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="seloste.example.fi",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_sign_in_locks_a_username_at_5_failures_and_an_address_at_30() -> None:
    assert _settings_value("s.AXES_FAILURE_LIMIT, s.AXES_ADDRESS_FAILURE_LIMIT") == "(5, 30)"
    assert _settings_value("s.AXES_ADDRESS_FAILURE_LIMIT", AXES_ADDRESS_FAILURE_LIMIT="50") == "50"


def test_the_address_limit_must_be_above_the_per_user_limit() -> None:
    result = _load_settings(SECRET_KEY="x" * 50, AXES_ADDRESS_FAILURE_LIMIT="5")
    assert result.returncode != 0
    assert "AXES_ADDRESS_FAILURE_LIMIT (5) must be above AXES_FAILURE_LIMIT (5)" in result.stderr
