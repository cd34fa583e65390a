"""Illustrative members and services of the demo network, outside the seed's Bari records.

Every name here ends in "(esempio)": these are not real services, and the demo must never
be mistaken for the real map of the network. Addresses are invented ("Via dell'Esempio"),
phone numbers are fictitious (see rete.demo.builder), no tax id is given.

The hours are chosen to show every case the routing rules know: weekday hours, split
days, a Saturday morning, 24-hour lines open on holidays, evening lines that run past
midnight, closed dates, special openings and an announced change of hours.
"""

from collections.abc import Iterable, Sequence

from rete.demo import places as p
from rete.demo.builder import (
    EVERY_DAY,
    WEEKDAYS,
    NetworkBuilder,
    Place,
    schedule,
    special_opening,
)
from rete.demo.seed_bari import BARI_TERRITORY, GIRAFFA_SERVICE

EXAMPLE = "(esempio)"
# The dedicated pathway of emergency rooms (the "percorso rosa" of the national guidelines).
WOMEN_PATHWAY = "percorso per le donne che subiscono violenza"

MON_FRI_9_17 = (schedule(WEEKDAYS, "09:00", "17:00"),)
MON_THU_SPLIT = (
    schedule("MO,TU,WE,TH", "09:00", "13:00"),
    schedule("MO,TU,WE,TH", "15:00", "18:00"),
)
MON_FRI_MORNINGS = (schedule(WEEKDAYS, "09:00", "13:00"),)
SATURDAY_MORNING = schedule("SA", "09:00", "12:00")
ALL_DAY_EVERY_DAY = (schedule(EVERY_DAY, "00:00", "00:00"),)
# Runs past midnight: an evening that starts on Monday ends on Tuesday at 08:00.
EVENINGS = (schedule(EVERY_DAY, "18:00", "08:00"),)

CHRISTMAS_CLOSURES = ("2026-12-24", "2026-12-31")
CHRISTMAS_OPENING = (special_opening("2026-12-27", "09:00", "12:00"),)


def _address(number: int, place: Place) -> str:
    return f"Via dell'Esempio {number}, {place.name}"


class DemoServices:
    """Writes the illustrative records of each territory into a NetworkBuilder."""

    def __init__(self, builder: NetworkBuilder) -> None:
        self.b = builder

    # Organisations ---------------------------------------------------------------

    def association(self, place: Place, label: str | None = None) -> str:
        return self.b.organization(
            f"org-{place.slug}-cav",
            f"Associazione Centro antiviolenza {label or place.name} {EXAMPLE}",
            "anti_violence_centre",
        )

    def local_authority(self, place: Place, label: str) -> str:
        return self.b.organization(
            f"org-{place.slug}-ente",
            f"{label} - Servizi sociali {EXAMPLE}",
            "public_administration",
        )

    def health_authority(self, place: Place, label: str) -> str:
        return self.b.organization(
            f"org-{place.slug}-asl", f"Azienda sanitaria {label} {EXAMPLE}", "health_service"
        )

    # Services ----------------------------------------------------------------------

    def centre(
        self,
        place: Place,
        organization: str,
        schedules: Sequence[dict],
        *,
        suffix: str = "",
        label: str | None = None,
        number: int = 1,
        languages: Sequence[str] = ("it",),
        closed_dates: Iterable[str] = (),
        special_openings: Iterable[dict] = (),
        area_provinces: Sequence[str] | None = None,
        area_comuni: Sequence[str] = (),
        phones: int = 1,
    ) -> str:
        return self.b.service(
            f"svc-{place.slug}-cav{suffix}",
            organization=organization,
            name=f"Centro antiviolenza {label or 'di ' + place.name} {EXAMPLE}",
            kind="anti_violence_centre",
            place=place,
            address=_address(number, place),
            phones=[self.b.phone(place.area_code) for _ in range(phones)],
            schedules=schedules,
            languages=languages,
            closed_dates=closed_dates,
            special_openings=special_openings,
            area_provinces=area_provinces,
            area_comuni=area_comuni,
        )

    def desk(
        self,
        place: Place,
        organization: str,
        schedules: Sequence[dict],
        *,
        languages: Sequence[str] = ("it",),
        area_provinces: Sequence[str] | None = None,
        area_comuni: Sequence[str] = (),
    ) -> str:
        """A sportello: a small desk of a centre in another comune, open a few hours."""
        return self.b.service(
            f"svc-{place.slug}-sportello",
            organization=organization,
            name=f"Sportello antiviolenza di {place.name} {EXAMPLE}",
            kind="anti_violence_centre",
            place=place,
            address=_address(5, place),
            schedules=schedules,
            languages=languages,
            area_provinces=area_provinces,
            area_comuni=area_comuni or ((place.comune,) if area_provinces is None else ()),
        )

    def helpline(
        self,
        place: Place,
        organization: str,
        *,
        label: str,
        languages: Sequence[str] = ("it",),
        area_provinces: Sequence[str] | None = None,
    ) -> str:
        """A 24-hour line, every day, holidays included."""
        return self.b.service(
            f"svc-{place.slug}-h24",
            organization=organization,
            name=f"Linea antiviolenza H24 {label} {EXAMPLE}",
            kind="helpline",
            place=place,
            address=_address(2, place),
            schedules=ALL_DAY_EVERY_DAY,
            open_on_holidays=True,
            languages=languages,
            area_provinces=area_provinces,
        )

    def evening_line(
        self,
        place: Place,
        organization: str,
        *,
        label: str,
        area_provinces: Sequence[str] | None = None,
        area_comuni: Sequence[str] = (),
    ) -> str:
        """Pronto intervento sociale: evenings and nights, 18:00 to 08:00, every day."""
        return self.b.service(
            f"svc-{place.slug}-notte",
            organization=organization,
            name=f"Pronto intervento sociale notturno {label} {EXAMPLE}",
            kind="social_service",
            place=place,
            address=_address(3, place),
            schedules=EVENINGS,
            open_on_holidays=True,
            area_provinces=area_provinces,
            area_comuni=area_comuni,
        )

    def shelter(
        self,
        place: Place,
        organization: str,
        *,
        languages: Sequence[str] = ("it",),
        area_provinces: Sequence[str] | None = None,
    ) -> str:
        """A casa rifugio: its address is secret, only its phone line is public."""
        return self.b.service(
            f"svc-{place.slug}-rifugio",
            organization=organization,
            name=f"Casa rifugio {place.name} {EXAMPLE}",
            kind="shelter",
            place=place,
            address=_address(99, place),
            confidential=True,
            schedules=ALL_DAY_EVERY_DAY,
            open_on_holidays=True,
            languages=languages,
            area_provinces=area_provinces,
        )

    def emergency_room(self, place: Place, organization: str, *, hospital: str) -> str:
        return self.b.service(
            f"svc-{place.slug}-ps",
            organization=organization,
            name=f"Pronto soccorso {hospital} - {WOMEN_PATHWAY} {EXAMPLE}",
            kind="emergency_room",
            place=place,
            address=_address(7, place),
            schedules=ALL_DAY_EVERY_DAY,
            open_on_holidays=True,
        )

    def counselling(self, place: Place, organization: str, schedules: Sequence[dict]) -> str:
        return self.b.service(
            f"svc-{place.slug}-consultorio",
            organization=organization,
            name=f"Consultorio familiare di {place.name} {EXAMPLE}",
            kind="counselling",
            place=place,
            address=_address(4, place),
            schedules=schedules,
            area_comuni=(place.comune,),
        )


def add_city_territories(s: DemoServices) -> None:
    b = s.b

    org = s.association(p.BOLOGNA)
    cav = s.centre(
        p.BOLOGNA,
        org,
        MON_FRI_9_17,
        languages=("it", "en", "fr", "ar"),
        closed_dates=CHRISTMAS_CLOSURES,
        special_openings=CHRISTMAS_OPENING,
        phones=2,
    )
    h24 = s.helpline(p.BOLOGNA, org, label="di Bologna", languages=("it", "en"))
    s.shelter(p.BOLOGNA, org, languages=("it", "en", "ar"))
    s.emergency_room(
        p.BOLOGNA, s.health_authority(p.BOLOGNA, "di Bologna"), hospital="Ospedale di Bologna"
    )
    b.chain("ATR-C-BOLOGNA", cav, h24)

    org = s.association(p.COSENZA)
    cav = s.centre(
        p.COSENZA,
        org,
        (*MON_THU_SPLIT, schedule("FR", "09:00", "13:00")),
        area_comuni=(p.COSENZA.comune, p.RENDE.comune),
    )
    desk = s.desk(p.RENDE, org, (SATURDAY_MORNING,), area_comuni=(p.RENDE.comune, p.COSENZA.comune))
    b.chain("ATR-C-COSENZA", cav, desk)

    # The evening line of the province of Ravenna serves both pilot cities of the
    # province, Faenza and Ravenna: one service in two chains.
    ravenna_evening = s.evening_line(
        p.RAVENNA,
        s.local_authority(p.RAVENNA, "Provincia di Ravenna"),
        label="della provincia di Ravenna",
    )
    org = s.association(p.FAENZA)
    cav = s.centre(
        p.FAENZA,
        org,
        (schedule("MO,WE,FR", "09:00", "13:00"), schedule("TU,TH", "14:00", "18:00")),
    )
    b.chain("ATR-C-FAENZA", cav, ravenna_evening)

    org = s.association(p.ISERNIA)
    cav = s.centre(p.ISERNIA, org, (schedule(WEEKDAYS, "09:00", "14:00"),))
    b.chain("ATR-C-ISERNIA", cav)

    org = s.association(p.NAPOLI)
    cav = s.centre(p.NAPOLI, org, MON_FRI_9_17, languages=("it", "en", "fr", "es"), phones=2)
    east = s.centre(
        p.NAPOLI,
        org,
        (schedule("MO,TU,WE,TH,FR,SA", "09:00", "13:00"),),
        suffix="-est",
        number=21,
        label="Napoli Est",
        area_comuni=(p.NAPOLI.comune,),
    )
    evening = s.evening_line(
        p.NAPOLI, s.local_authority(p.NAPOLI, "Comune di Napoli"), label="di Napoli"
    )
    s.shelter(p.NAPOLI, org, languages=("it", "en", "fr"))
    b.chain("ATR-C-NAPOLI", cav, east, evening)

    org = s.association(p.NUORO)
    cav = s.centre(
        p.NUORO,
        org,
        (
            schedule("TU,TH", "09:00", "13:00"),
            schedule("TU,TH", "15:00", "18:00"),
            schedule("WE", "09:00", "13:00"),
        ),
    )
    b.chain("ATR-C-NUORO", cav)

    org = s.association(p.PALERMO)
    cav = s.centre(
        p.PALERMO, org, (schedule(WEEKDAYS, "09:00", "18:00"),), languages=("it", "en", "fr", "ar")
    )
    h24 = s.helpline(p.PALERMO, org, label="di Palermo", languages=("it", "en", "fr", "ar"))
    s.shelter(p.PALERMO, org)
    b.chain("ATR-C-PALERMO", cav, h24)

    org = s.association(p.PESCARA)
    cav = s.centre(
        p.PESCARA,
        org,
        (*MON_FRI_MORNINGS, schedule("TU,TH", "15:00", "18:00"), SATURDAY_MORNING),
    )
    b.chain("ATR-C-PESCARA", cav)

    org = s.association(p.POTENZA)
    cav = s.centre(p.POTENZA, org, (schedule("MO,WE,FR", "09:00", "13:00"),))
    evening = s.evening_line(
        p.POTENZA, s.local_authority(p.POTENZA, "Comune di Potenza"), label="di Potenza"
    )
    b.chain("ATR-C-POTENZA", cav, evening)

    org = s.association(p.PRATO)
    cav = s.centre(p.PRATO, org, MON_FRI_9_17, languages=("it", "zh", "en"))
    s.shelter(p.PRATO, org, languages=("it", "zh"))
    b.chain("ATR-C-PRATO", cav)

    org = s.association(p.RAVENNA)
    cav = s.centre(
        p.RAVENNA,
        org,
        (
            schedule(WEEKDAYS, "09:00", "13:00"),
            schedule(WEEKDAYS, "14:00", "18:00"),
            SATURDAY_MORNING,
        ),
        languages=("it", "ro", "sq"),
        area_comuni=(p.RAVENNA.comune, p.CERVIA.comune),
    )
    # Lugo is outside both city territories: its desk shows in orientation.
    s.desk(p.LUGO, org, (schedule("WE", "15:00", "18:00"),))
    s.counselling(p.CERVIA, s.health_authority(p.RAVENNA, "della Romagna"), MON_FRI_MORNINGS)
    b.chain("ATR-C-RAVENNA", cav, ravenna_evening)

    org = s.association(p.REGGIO_EMILIA)
    cav = s.centre(p.REGGIO_EMILIA, org, MON_THU_SPLIT, languages=("it", "ar", "ur", "pa"))
    h24 = s.helpline(p.REGGIO_EMILIA, org, label="di Reggio Emilia")
    s.shelter(p.REGGIO_EMILIA, org, languages=("it", "ar"))
    b.chain("ATR-C-REGGIO-EMILIA", cav, h24)

    org = s.association(p.TRIESTE)
    cav = s.centre(
        p.TRIESTE, org, MON_FRI_9_17, languages=("it", "sl", "en"), closed_dates=("2026-12-24",)
    )
    b.chain("ATR-C-TRIESTE", cav)

    org = s.association(p.VENEZIA)
    mestre = s.centre(
        p.VENEZIA,
        org,
        MON_FRI_9_17,
        suffix="-mestre",
        label="di Venezia - Mestre",
        languages=("it", "en", "ro"),
    )
    historic = s.centre(
        p.VENEZIA,
        org,
        (schedule("TU,TH", "09:00", "13:00"),),
        suffix="-centro-storico",
        number=11,
        label="di Venezia - Centro storico",
        area_comuni=(p.VENEZIA.comune,),
    )
    b.chain("ATR-C-VENEZIA", mestre, historic)

    org = s.association(p.AGRIGENTO)
    cav = s.centre(p.AGRIGENTO, org, MON_FRI_MORNINGS, languages=("it", "ar", "fr"))
    b.chain("ATR-C-AGRIGENTO", cav)

    org = s.association(p.AOSTA)
    cav = s.centre(p.AOSTA, org, MON_FRI_9_17, languages=("it", "fr"))
    h24 = s.helpline(p.AOSTA, org, label="della Valle d'Aosta", languages=("it", "fr"))
    b.chain("ATR-C-AOSTA", cav, h24)

    org = s.association(p.LATINA)
    cav = s.centre(
        p.LATINA,
        org,
        (schedule("MO,TU,WE,TH,FR,SA", "09:00", "13:00"), schedule("TU,TH", "15:00", "18:00")),
        languages=("it", "pa", "ro"),
    )
    s.shelter(p.LATINA, org, languages=("it", "pa"))
    b.chain("ATR-C-LATINA", cav)

    org = s.association(p.TORINO)
    cav = s.centre(
        p.TORINO,
        org,
        MON_FRI_9_17,
        languages=("it", "ar", "ro", "es", "en"),
        closed_dates=CHRISTMAS_CLOSURES,
        special_openings=CHRISTMAS_OPENING,
    )
    north = s.centre(
        p.TORINO,
        org,
        (schedule("MO,TU,WE,TH", "09:00", "13:00"), schedule("MO,TU,WE,TH", "14:00", "18:00")),
        suffix="-nord",
        number=11,
        label="Torino Nord",
        area_comuni=(p.TORINO.comune,),
    )
    h24 = s.helpline(p.TORINO, org, label="di Torino", languages=("it", "en", "fr", "ar"))
    s.shelter(p.TORINO, org, languages=("it", "ar", "ro"))
    s.emergency_room(
        p.TORINO, s.health_authority(p.TORINO, "Città di Torino"), hospital="Ospedale di Torino"
    )
    b.chain("ATR-C-TORINO", cav, north, h24)


def add_province_territories(s: DemoServices) -> None:
    b = s.b

    org = s.association(p.ANCONA)
    cav = s.centre(p.ANCONA, org, MON_FRI_9_17, languages=("it", "en"))
    jesi = s.desk(p.JESI, org, (schedule("TU,TH", "09:00", "13:00"),))
    senigallia = s.desk(p.SENIGALLIA, org, (schedule("WE", "15:00", "18:00"), SATURDAY_MORNING))
    s.shelter(p.ANCONA, org)
    b.chain("ATR-AN", cav, jesi, senigallia)

    add_bari(s)

    org = s.association(p.CASERTA)
    cav = s.centre(p.CASERTA, org, (*MON_FRI_MORNINGS, schedule(WEEKDAYS, "15:00", "18:00")))
    aversa = s.desk(p.AVERSA, org, (schedule("MO,WE", "09:00", "13:00"),))
    b.chain("ATR-CE", cav, aversa)

    org = s.association(p.CATANIA)
    cav = s.centre(p.CATANIA, org, MON_FRI_9_17, languages=("it", "en", "fr"))
    evening = s.evening_line(
        p.CATANIA,
        s.local_authority(p.CATANIA, "Città metropolitana di Catania"),
        label="di Catania",
    )
    acireale = s.desk(
        p.ACIREALE, org, (schedule("MO,TH", "09:00", "13:00"),), area_comuni=(p.ACIREALE.comune,)
    )
    s.desk(
        p.CALTAGIRONE,
        org,
        (schedule("WE", "09:00", "13:00"),),
        area_comuni=(p.CALTAGIRONE.comune,),
    )
    s.shelter(p.CATANIA, org, languages=("it", "en"))
    b.chain("ATR-CT", cav, evening, acireale)

    org = s.association(p.CROTONE)
    cav = s.centre(p.CROTONE, org, (*MON_FRI_MORNINGS, schedule("TU", "15:00", "18:00")))
    b.chain("ATR-KR", cav)

    org = s.association(p.GENOVA)
    cav = s.centre(p.GENOVA, org, MON_FRI_9_17, languages=("it", "es", "en"))
    chiavari = s.desk(p.CHIAVARI, org, (schedule("TH", "09:00", "13:00"),))
    h24 = s.helpline(
        p.GENOVA,
        org,
        label="della Liguria",
        languages=("it", "es"),
        area_provinces=("GE", "SV", "SP", "IM"),
    )
    s.shelter(p.GENOVA, org, languages=("it", "es"))
    b.chain("ATR-GE", cav, h24, chiavari)

    org = s.association(p.PESARO, "Pesaro e Urbino")
    cav = s.centre(p.PESARO, org, (*MON_FRI_MORNINGS, schedule("TU,TH", "15:00", "18:00")))
    urbino = s.desk(p.URBINO, org, (schedule("WE", "09:00", "13:00"),))
    fano = s.desk(p.FANO, org, (schedule("FR", "15:00", "19:00"),))
    b.chain("ATR-PU", cav, urbino, fano)

    org = s.association(p.TERAMO)
    cav = s.centre(p.TERAMO, org, (schedule(WEEKDAYS, "09:00", "14:00"),))
    giulianova = s.desk(p.GIULIANOVA, org, (SATURDAY_MORNING,))
    b.chain("ATR-TE", cav, giulianova)

    org = s.association(p.BOLZANO, "Alto Adige")
    cav = s.centre(
        p.BOLZANO,
        org,
        (schedule(WEEKDAYS, "08:30", "12:30"), schedule("MO,TU,WE,TH", "14:00", "17:00")),
        languages=("it", "de", "en"),
    )
    h24 = s.helpline(p.BOLZANO, org, label="dell'Alto Adige", languages=("it", "de"))
    s.desk(p.MERANO, org, (schedule("MO,WE,FR", "09:00", "12:00"),), languages=("de", "it"))
    s.desk(p.BRUNICO, org, (schedule("TU", "09:00", "12:00"),), languages=("de", "it", "lad"))
    s.shelter(p.BOLZANO, org, languages=("it", "de"))
    b.chain("ATR-BZ", cav, h24)


def add_bari(s: DemoServices) -> None:
    """Around the seed's GIRAFFA centre, services of the seed's own members, marked as
    examples. The referral chain stays the seed's: GIRAFFA alone."""
    b = s.b
    b.service(
        "svc-coord-puglia-h24",
        organization="org-coord-cav-puglia",
        name=f"Linea antiviolenza H24 del Coordinamento centri antiviolenza Puglia {EXAMPLE}",
        kind="helpline",
        place=p.BARI,
        address=_address(2, p.BARI),
        schedules=ALL_DAY_EVERY_DAY,
        open_on_holidays=True,
        languages=("it", "en", "sq"),
        area_provinces=("BA", "BT", "BR", "FG", "LE", "TA"),
    )
    b.service(
        "svc-mola-sportello",
        organization="org-cav-mola",
        name=f"Centro antiviolenza del Comune di Mola di Bari - sportello {EXAMPLE}",
        kind="anti_violence_centre",
        place=p.MOLA_DI_BARI,
        address=_address(5, p.MOLA_DI_BARI),
        schedules=(schedule("TU,TH", "09:00", "13:00"),),
        area_comuni=(p.MOLA_DI_BARI.comune,),
    )
    b.service(
        "svc-asl-ba-consultorio",
        organization="org-asl-ba",
        name=f"Consultorio familiare ASL BA - Bari {EXAMPLE}",
        kind="counselling",
        place=p.BARI,
        address=_address(4, p.BARI),
        schedules=(schedule(WEEKDAYS, "08:30", "13:30"), schedule("TU,TH", "15:00", "17:30")),
        area_comuni=(p.BARI.comune,),
    )
    b.service(
        "svc-di-venere-ps",
        organization="org-osp-di-venere",
        name=f"Pronto soccorso Ospedale Di Venere - {WOMEN_PATHWAY} {EXAMPLE}",
        kind="emergency_room",
        place=p.BARI,
        address=_address(7, p.BARI),
        schedules=ALL_DAY_EVERY_DAY,
        open_on_holidays=True,
    )
    b.service(
        "svc-giraffa-rifugio",
        organization="org-giraffa",
        name=f"Casa rifugio Bari {EXAMPLE}",
        kind="shelter",
        place=p.BARI,
        address=_address(99, p.BARI),
        confidential=True,
        schedules=ALL_DAY_EVERY_DAY,
        open_on_holidays=True,
    )
    b.chain(BARI_TERRITORY, GIRAFFA_SERVICE)


def add_services_outside_territories(s: DemoServices) -> None:
    """Rome, Milan and Florence have no territory: their callers are oriented."""
    org = s.association(p.ROMA)
    s.centre(
        p.ROMA,
        org,
        # New, longer hours announced from 1 January 2027.
        (
            schedule(WEEKDAYS, "09:00", "13:00", valid_to="2026-12-31"),
            schedule(WEEKDAYS, "09:00", "18:00", valid_from="2027-01-01"),
        ),
        languages=("it", "en", "fr", "es", "ar", "ro"),
    )
    s.shelter(p.ROMA, org, languages=("it", "en", "es"))
    # A regional line: its service area covers the Lazio provinces, Latina's included
    # beyond the city-level territory of Latina.
    s.helpline(
        p.ROMA,
        s.local_authority(p.ROMA, "Regione Lazio"),
        label="della Regione Lazio",
        languages=("it", "en", "fr", "es", "ar"),
        area_provinces=("RM", "FR", "LT", "RI", "VT"),
    )

    org = s.association(p.MILANO)
    s.centre(p.MILANO, org, MON_FRI_9_17, languages=("it", "en", "es", "ar", "zh"), phones=2)
    s.desk(p.SESTO_SAN_GIOVANNI, org, (SATURDAY_MORNING, schedule("WE", "14:00", "17:00")))
    s.evening_line(p.MILANO, s.local_authority(p.MILANO, "Comune di Milano"), label="di Milano")

    org = s.association(p.FIRENZE)
    s.centre(p.FIRENZE, org, MON_THU_SPLIT, languages=("it", "en"))
    s.emergency_room(
        p.FIRENZE, s.health_authority(p.FIRENZE, "Toscana centro"), hospital="Ospedale di Firenze"
    )
