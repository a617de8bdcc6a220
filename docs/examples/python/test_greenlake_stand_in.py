"""A Python integrator's tests against Consumo standing in for GreenLake: a token, an API call, and
the control plane (a fault, the request log, the clock). HTTP with urllib only: no pip installs."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

SUBSCRIPTIONS = "/subscriptions/v1/subscriptions"


def request(method, url, token=None, body=None, form=None):
    """(status, headers, parsed JSON body or None); an HTTP error status is an answer, not an exception."""
    headers = {"accept": "application/json"}
    data = None
    if token:
        headers["authorization"] = f"Bearer {token}"
    if form is not None:
        headers["content-type"] = "application/x-www-form-urlencoded"
        data = urllib.parse.urlencode(form).encode()
    elif body is not None:
        headers["content-type"] = "application/json"
        data = json.dumps(body).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers, method=method), timeout=30) as answer:
            status, answer_headers, text = answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, text = error.code, error.headers, error.read()
    return status, answer_headers, (json.loads(text) if text else None)


def get_token(consumo):
    status, _, body = request(
        "POST",
        consumo.token_url,
        form={"grant_type": "client_credentials", "client_id": consumo.client_id, "client_secret": consumo.client_secret},
    )
    assert status == 200, body
    assert body["token_type"] == "Bearer"
    return body["access_token"]


@pytest.fixture
def token(consumo):
    return get_token(consumo)


@pytest.fixture(autouse=True)
def clean_stand_in(consumo):
    """Each test starts with no faults, an empty request log and the real time."""
    admin = get_token(consumo)
    assert request("DELETE", f"{consumo.base_url}/_consumo/faults", admin)[0] == 204
    assert request("PUT", f"{consumo.base_url}/_consumo/clock", admin, body={"realTime": True})[0] == 200
    assert request("DELETE", f"{consumo.base_url}/_consumo/requests", admin)[0] == 204


def test_lists_subscriptions_with_a_token(consumo, token):
    status, _, page = request("GET", f"{consumo.base_url}{SUBSCRIPTIONS}?limit=10", token)
    assert status == 200
    assert page["items"] == []
    assert page["total"] == 0


def test_a_fault_answers_429_twice_and_the_request_log_shows_it(consumo, token):
    status, _, fault = request(
        "POST",
        f"{consumo.base_url}/_consumo/faults",
        token,
        body={"match": {"method": "GET", "path": SUBSCRIPTIONS}, "action": {"status": 429}, "times": 2},
    )
    assert status == 201, fault

    answers = [request("GET", f"{consumo.base_url}{SUBSCRIPTIONS}", token) for _ in range(3)]
    assert [status for status, _, _ in answers] == [429, 429, 200]
    first_status, first_headers, first_body = answers[0]
    assert first_headers["Retry-After"] == "60"
    assert first_headers["X-Consumo-Fault"] == fault["id"]
    assert first_body["httpStatusCode"] == 429  # GreenLake's error envelope

    status, _, log = request("GET", f"{consumo.base_url}/_consumo/requests?method=GET&path={SUBSCRIPTIONS}", token)
    assert status == 200
    assert [entry["status"] for entry in log["items"]] == [200, 429, 429]  # newest first

    status, _, faults = request("GET", f"{consumo.base_url}/_consumo/faults", token)
    assert [(f["id"], f["hits"], f["remaining"]) for f in faults["items"]] == [(fault["id"], 2, 0)]


def test_the_request_log_redacts_the_client_secret(consumo):
    get_token(consumo)
    admin = get_token(consumo)
    status, _, log = request("GET", f"{consumo.base_url}/_consumo/requests?method=POST&path=/authorization/**", admin)
    assert status == 200
    assert log["total"] == 2
    for entry in log["items"]:
        assert consumo.client_secret not in entry["requestBody"]["text"]
        assert json.loads(entry["requestBody"]["text"])["client_secret"] == "[redacted]"


def test_the_clock_expires_a_token(consumo, token):
    status, _, clock = request("PUT", f"{consumo.base_url}/_consumo/clock", token, body={"advanceBy": "PT16M"})
    assert status == 200
    assert clock["frozen"] is True

    # Fifteen minutes is a token's life (CONSUMO_TOKEN_TTL): on the stand-in's clock, this one is over.
    status, _, body = request("GET", f"{consumo.base_url}{SUBSCRIPTIONS}", token)
    assert status == 401
    assert body["errorCode"] == "HPE_GL_ERROR_UNAUTHORIZED"
    assert request("GET", f"{consumo.base_url}{SUBSCRIPTIONS}", get_token(consumo))[0] == 200
