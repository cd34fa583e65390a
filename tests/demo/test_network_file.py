"""The demo network is a valid `rete-network/1` document."""

from rete.geography.istat import read_comuni
from rete.network.networkfile.schema import FORMAT
from rete.network.networkfile.validate import network_file_validate


def test_it_passes_the_network_file_validation(document: dict) -> None:
    comuni = list(read_comuni())

    errors = network_file_validate(
        document,
        comuni={c.code for c in comuni},
        provinces={c.province_sigla for c in comuni},
    )

    assert document["format"] == FORMAT
    assert [str(error) for error in errors] == []
