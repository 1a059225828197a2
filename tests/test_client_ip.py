"""django-axes locks out the visitor's own address, also behind the shipped nginx."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from config.client_ip import client_ip


def test_the_address_set_by_the_local_proxy_is_the_visitors() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "198.51.100.2"


def test_without_a_proxy_the_connection_address_is_used() -> None:
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.5"])
def test_the_trusted_proxies_are_a_setting() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "127.0.0.1"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "203.0.113.7"
