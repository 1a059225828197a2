"""Settings refuse unsafe or malformed configuration with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off() -> None:
    result = _load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_debug_run_works_without_any_secret() -> None:
    assert _load_settings(DEBUG="1").returncode == 0


def test_production_starts_with_a_secret_key() -> None:
    assert _load_settings(SECRET_KEY="x" * 50).returncode == 0


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("EMAIL_PORT", "twenty-five")])
def test_it_rejects_malformed_values(name: str, value: str) -> None:
    result = _load_settings(**{"SECRET_KEY": "x" * 50, name: value})
    assert result.returncode != 0
    assert f"{name} must be" in result.stderr


def test_database_url_selects_the_database() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from config import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=os.environ | {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@h:5432/d"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"
