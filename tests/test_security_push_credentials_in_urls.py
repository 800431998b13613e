"""``aidlod push`` takes credentials from the environment only: an endpoint address with them in it
(``http://user:password@host/``) was used, and every error message about the address printed the password
(and ps showed it to every user of the machine). It is refused before any request, without showing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aidlod.cli import main
from aidlod.push import Client, PushError


@pytest.mark.parametrize(("query", "update"), [
    ("http://admin:s3cret@127.0.0.1:9/query", "http://127.0.0.1:9/update"),
    ("http://127.0.0.1:9/query", "http://admin:s3cret@127.0.0.1:9/update"),
    ("http://s3cret@127.0.0.1:9/query", "http://127.0.0.1:9/update"),
])
def test_an_endpoint_address_with_credentials_is_refused_without_showing_them(query: str, update: str) -> None:
    with pytest.raises(PushError) as refused:
        Client(query, update, env={})
    assert "s3cret" not in str(refused.value) and "AIDLOD_PUSH_PASSWORD" in str(refused.value)


def test_the_command_refuses_it_before_any_request(seed_site: Path) -> None:
    result = CliRunner().invoke(main, ["push", str(seed_site), "--retries", "0", "--timeout", "1",
                                       "--query-url", "http://admin:s3cret@127.0.0.1:9/query",
                                       "--update-url", "http://admin:s3cret@127.0.0.1:9/update"], env={})
    assert result.exit_code != 0
    assert "s3cret" not in result.output, result.output
