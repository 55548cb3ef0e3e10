"""The PxWeb client against the fake server: limits, retries, 429, timeouts, broken bodies."""

import socket
from datetime import UTC

import pytest

from data_sources.pxweb.client import PxWebClient, PxWebError, retry_after_seconds
from data_sources.pxweb.query import VariableSelection, query_body

TABLE = "tyonv/12r5.px"
BODY = query_body(
    [
        VariableSelection("Alue", ("MK08",)),
        VariableSelection("timeperiod_m", ("2026M06",)),
        VariableSelection("contentscode", ("TYOTTOMATLOPUSSA",)),
    ],
    "json-stat2",
)


def make_client(fake, tmp_path, **kwargs):
    slept = []
    client = PxWebClient(fake.base_url, tmp_path / "http.sqlite", timeout=(2.0, 0.5), sleep=slept.append, **kwargs)
    return client, slept


def test_config_sets_the_limits_and_the_limiter(fake, tmp_path):
    fake.state.max_calls = 7
    client, _ = make_client(fake, tmp_path)
    config = client.config()
    assert (config.max_values, config.max_calls, config.time_window) == (120000, 7, 60.0)
    assert client.limiter.max_calls == 7 and client.limiter.window == 60.0


def test_a_data_answer_is_cached_per_release(fake, tmp_path):
    client, _ = make_client(fake, tmp_path)
    first = client.query("StatFin", TABLE, BODY, "2026-07-21T05:00:00Z")
    again = client.query("StatFin", TABLE, BODY, "2026-07-21T05:00:00Z")
    assert first == again and first["value"] == [fake.cell(TABLE, "MK08", "2026M06", "TYOTTOMATLOPUSSA")[0]]
    assert len(fake.requests("POST")) == 1
    client.query("StatFin", TABLE, BODY, "2026-08-18T05:00:00Z")
    assert len(fake.requests("POST")) == 2, "a new release must be asked from the server"


def test_429_waits_as_long_as_retry_after_says(fake, tmp_path):
    fake.inject("429", arg="7")
    client, slept = make_client(fake, tmp_path)
    assert client.query("StatFin", TABLE, BODY, "r1")["class"] == "dataset"
    assert slept == [7.0]
    assert client.stats.retries == 1


def test_server_errors_are_retried_with_backoff_then_reported(fake, tmp_path):
    fake.inject("503", times=2)
    client, slept = make_client(fake, tmp_path, backoff=0.5)
    assert client.query("StatFin", TABLE, BODY, "r1")["class"] == "dataset"
    assert slept == [0.5, 1.0]
    fake.inject("500", times=10)
    with pytest.raises(PxWebError) as err:
        client.query("StatFin", TABLE, BODY, "r2")
    assert str(err.value) == (f"POST {fake.base_url}/StatFin/{TABLE}: server error HTTP 500 after 4 attempts")


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("timeout", "timed out after 0.5 s"),
        ("malformed", "malformed JSON (body cut off or garbled)"),
        ("cutoff", "body cut off midway"),
    ],
)
def test_broken_transfers_are_retried_and_never_cached(fake, tmp_path, kind, reason):
    fake.inject(kind, times=4, arg="1.5")
    client, _ = make_client(fake, tmp_path)
    with pytest.raises(PxWebError) as err:
        client.query("StatFin", TABLE, BODY, "r1")
    assert reason in str(err.value)
    assert client.query("StatFin", TABLE, BODY, "r1")["class"] == "dataset"
    assert client.stats.cache_hits == 0


def test_a_renamed_table_answers_400_without_retries(fake, tmp_path):
    client, _ = make_client(fake, tmp_path)
    with pytest.raises(PxWebError) as err:
        client.query("StatFin", "tyonv/statfin_tyonv_pxt_12r5.px", BODY, "r1")
    assert "HTTP 400" in str(err.value)
    assert len(fake.requests("POST")) == 1


def test_connection_refused_is_a_clear_error(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = PxWebClient(f"http://127.0.0.1:{port}/PxWeb/api/v1/fi", None, max_retries=1, sleep=lambda s: None)
    with pytest.raises(PxWebError) as err:
        client.config()
    assert str(err.value).startswith(f"GET http://127.0.0.1:{port}/PxWeb/api/v1/fi/?config: connection failed")
    assert str(err.value).endswith("after 2 attempts")


def test_the_client_stays_within_the_call_limit(fake, tmp_path):
    fake.state.max_calls, fake.state.time_window = 5, 1
    client = PxWebClient(fake.base_url, None)
    client.config()
    for month in range(1, 13):
        body = query_body(
            [
                VariableSelection("Alue", ("MK08",)),
                VariableSelection("timeperiod_m", (f"2025M{month:02d}",)),
                VariableSelection("contentscode", ("TYOTTOMATLOPUSSA",)),
            ],
            "json-stat2",
        )
        client.query("StatFin", TABLE, body, "r1")
    stamps = [r[0] for r in fake.requests()]
    assert len(stamps) == 13
    assert all(sum(1 for s in stamps if t <= s < t + 1) <= 5 for t in stamps)
    assert client.stats.retries == 0, "the server never had to say 429"


def test_retry_after_accepts_seconds_and_http_dates():
    from datetime import datetime

    now = datetime(2026, 7, 21, 5, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("Tue, 21 Jul 2026 05:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon") is None
