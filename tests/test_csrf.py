"""CSRF still holds with `Referrer-Policy: no-referrer`, whose same-origin posts carry `Origin: null`."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def login_form_token(client) -> str:
    client.get("/account/login/")
    return client.session["_csrftoken"]


def post(client, **headers):
    token = login_form_token(client)
    return client.post(
        "/account/login/",
        {"csrfmiddlewaretoken": token, "login_view-current_step": "auth", "auth-username": "x", "auth-password": "y"},
        **headers,
    )


def test_a_same_origin_post_with_a_null_origin_is_accepted():
    response = post(Client(enforce_csrf_checks=True), HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 200


def test_a_null_origin_from_another_site_is_refused():
    response = post(Client(enforce_csrf_checks=True), HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403


def test_a_null_origin_without_fetch_metadata_is_refused():
    assert post(Client(enforce_csrf_checks=True), HTTP_ORIGIN="null").status_code == 403


def test_another_origin_is_refused_even_with_a_token():
    response = post(
        Client(enforce_csrf_checks=True), HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 403


def test_a_same_origin_post_without_the_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.get("/account/login/")
    response = client.post(
        "/account/login/", {"auth-username": "x"}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 403
