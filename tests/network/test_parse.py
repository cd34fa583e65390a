"""Reading the bytes of a network file."""

import pytest

from rete.network.networkfile.schema import NetworkFileUnreadable
from rete.network.networkfile.validate import network_file_parse


def test_it_reads_utf8_json() -> None:
    assert network_file_parse('{"format": "rete-network/1", "x": "Città"}'.encode()) == {
        "format": "rete-network/1",
        "x": "Città",
    }


def test_it_reads_a_file_with_a_byte_order_mark() -> None:
    assert network_file_parse(b"\xef\xbb\xbf{}") == {}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "not a JSON document"),
        (b"format: rete-network/1", "not a JSON document"),
        (b'{"format": "rete-network/1",}', "line 1"),
        ('{"name": "Città"}'.encode("latin-1"), "not UTF-8"),
        (b'{"name": "a", "name": "b"}', "appears twice"),
        (b'{"lat": NaN}', "NaN"),
        (b'{"lat": Infinity}', "Infinity"),
    ],
)
def test_it_refuses_what_is_not_json(raw: bytes, reason: str) -> None:
    with pytest.raises(NetworkFileUnreadable, match=reason):
        network_file_parse(raw)
