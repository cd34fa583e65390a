"""What the release's rows must be able to hold, whatever the network's data."""

from rete.network.models import Territory
from rete.statistics.models import ReleaseTable


def test_an_area_code_holds_the_longest_territory_code() -> None:
    # "ATR-REGGIO-NELL-EMILIA" is 22 characters: a shorter column failed a whole release.
    area_code = ReleaseTable._meta.get_field("area_code").max_length
    assert area_code >= Territory._meta.get_field("code").max_length


def test_an_area_name_holds_the_longest_territory_name() -> None:
    area_name = ReleaseTable._meta.get_field("area_name").max_length
    assert area_name >= Territory._meta.get_field("name").max_length
