"""Property: the services of an area found open together (the area index) are exactly those
found open one by one, in the same order — on ordinary days, holidays, exception days and
across rule validity dates."""

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from networks import BARI, BITONTO, build, rule, service
from test_oracle import instants_near, schedules

from rete.routing.engine.clock import local_instant


@st.composite
def areas(draw: st.DrawFn) -> tuple[list[dict], datetime]:
    drawn = draw(
        st.lists(schedules(draw(st.sampled_from([BARI, BITONTO]))), min_size=1, max_size=6)
    )
    services = []
    for number, (svc, _base) in enumerate(drawn):
        services.append(
            svc | {"id": f"svc-{number}", "service_area": {"provinces": ["BA"], "comuni": []}}
        )
    return services, draw(instants_near(drawn[0][1]))


@settings(max_examples=400, deadline=None)
@given(areas())
def test_it_finds_the_same_open_services_as_asking_each(case):
    services, at = case
    snapshot = build(services=services)
    caller = snapshot.comuni[BARI]

    for step in range(0, 24 * 60, 37):
        local = local_instant(at.__class__.fromtimestamp(at.timestamp() + step * 60, at.tzinfo))
        together = [s.id for s in snapshot.area_open(caller, local)]
        one_by_one = [s.id for s in snapshot.area_services(caller) if s.open_at(local)]
        assert together == one_by_one, local


def test_it_lists_first_the_open_services_of_the_callers_own_comune():
    in_bari = service(
        "svc-bari", comune=BARI, provinces=["BA"], schedules=[rule(byday="MO,TU,WE,TH,FR")]
    )
    in_bitonto = service(
        "svc-bitonto", comune=BITONTO, provinces=["BA"], schedules=[rule(byday="MO,TU,WE,TH,FR")]
    )
    snapshot = build(services=[in_bari, in_bitonto])
    wednesday_morning = local_instant(datetime.fromisoformat("2026-11-25T10:30:00+01:00"))

    from_bari = snapshot.area_open(snapshot.comuni[BARI], wednesday_morning)
    from_bitonto = snapshot.area_open(snapshot.comuni[BITONTO], wednesday_morning)

    assert [s.id for s in from_bari] == ["svc-bari", "svc-bitonto"]
    assert [s.id for s in from_bitonto] == ["svc-bitonto", "svc-bari"]
