"""Every province, covered by a territory or not, has its emergency contacts."""

from rete.demo.network import demo_network
from rete.geography.istat import read_comuni


def test_it_gives_every_province_112_and_113() -> None:
    provinces = {comune.province_sigla for comune in read_comuni()}
    contacts = demo_network()["emergency_contacts"]

    assert len(provinces) == 107
    for sigla in provinces:
        phones = [c["phone"] for c in contacts if c["province"] == sigla]
        assert phones == ["112", "113"], sigla


def test_it_names_the_questura_after_the_capital() -> None:
    names = {(c["province"], c["phone"]): c["name"] for c in demo_network()["emergency_contacts"]}

    assert names["BA", "112"] == "Numero unico di emergenza"
    assert names["BA", "113"] == "Polizia di Stato - Questura di Bari"
    assert names["RC", "113"] == "Polizia di Stato - Questura di Reggio Calabria"
    assert names["BT", "113"] == "Polizia di Stato - Questura di Barletta-Andria-Trani"
