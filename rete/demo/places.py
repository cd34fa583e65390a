"""The places of the demo network: the 27 pilot territories of the seed and the comuni
where demo services are.

Territory codes follow one scheme:
- a province-level territory is `ATR-` + the province sigla: `ATR-BA`, `ATR-PU`, `ATR-BZ`;
- a city-level territory is `ATR-C-` + the city's name in capitals, words joined by '-':
  `ATR-C-BOLOGNA`, `ATR-C-REGGIO-EMILIA`.
The `C-` keeps the two families apart (a sigla and a city name could otherwise collide).
None of the 9 province territories contains one of the 18 cities: Faenza and Ravenna are
both cities of the province of Ravenna, which has no province-level territory.
"""

from dataclasses import dataclass

from rete.demo.builder import Place


@dataclass(frozen=True, slots=True)
class PilotTerritory:
    code: str
    name: str
    # The territory's main comune: where its first demo services are.
    place: Place
    provinces: tuple[str, ...] = ()
    comuni: tuple[str, ...] = ()


def _place(
    slug: str, name: str, comune: str, province: str, area_code: str, lat: float, lon: float
) -> Place:
    return Place(slug, name, comune, province, area_code, lat, lon)


# Coordinates are approximate town centres (4 decimals), enough to draw a map.
BOLOGNA = _place("bologna", "Bologna", "037006", "BO", "051", 44.4949, 11.3426)
COSENZA = _place("cosenza", "Cosenza", "078045", "CS", "0984", 39.2983, 16.2537)
RENDE = _place("rende", "Rende", "078102", "CS", "0984", 39.3316, 16.1837)
FAENZA = _place("faenza", "Faenza", "039010", "RA", "0546", 44.2857, 11.8833)
ISERNIA = _place("isernia", "Isernia", "094023", "IS", "0865", 41.5960, 14.2330)
NAPOLI = _place("napoli", "Napoli", "063049", "NA", "081", 40.8518, 14.2681)
NUORO = _place("nuoro", "Nuoro", "091051", "NU", "0784", 40.3209, 9.3307)
PALERMO = _place("palermo", "Palermo", "082053", "PA", "091", 38.1157, 13.3615)
PESCARA = _place("pescara", "Pescara", "068028", "PE", "085", 42.4618, 14.2161)
POTENZA = _place("potenza", "Potenza", "076063", "PZ", "0971", 40.6404, 15.8056)
PRATO = _place("prato", "Prato", "100005", "PO", "0574", 43.8777, 11.1022)
RAVENNA = _place("ravenna", "Ravenna", "039014", "RA", "0544", 44.4184, 12.2035)
CERVIA = _place("cervia", "Cervia", "039007", "RA", "0544", 44.2612, 12.3492)
LUGO = _place("lugo", "Lugo", "039012", "RA", "0545", 44.4213, 11.9110)
REGGIO_EMILIA = _place("reggio-emilia", "Reggio Emilia", "035033", "RE", "0522", 44.6983, 10.6312)
TRIESTE = _place("trieste", "Trieste", "032006", "TS", "040", 45.6495, 13.7768)
VENEZIA = _place("venezia", "Venezia", "027042", "VE", "041", 45.4408, 12.3155)
AGRIGENTO = _place("agrigento", "Agrigento", "084001", "AG", "0922", 37.3111, 13.5766)
AOSTA = _place("aosta", "Aosta", "007003", "AO", "0165", 45.7370, 7.3201)
LATINA = _place("latina", "Latina", "059011", "LT", "0773", 41.4676, 12.9037)
TORINO = _place("torino", "Torino", "001272", "TO", "011", 45.0703, 7.6869)

ANCONA = _place("ancona", "Ancona", "042002", "AN", "071", 43.6158, 13.5189)
JESI = _place("jesi", "Jesi", "042021", "AN", "0731", 43.5229, 13.2437)
SENIGALLIA = _place("senigallia", "Senigallia", "042045", "AN", "071", 43.7147, 13.2180)
BARI = _place("bari", "Bari", "072006", "BA", "080", 41.1171, 16.8719)
MOLA_DI_BARI = _place("mola-di-bari", "Mola di Bari", "072028", "BA", "080", 41.0606, 17.0892)
CASERTA = _place("caserta", "Caserta", "061022", "CE", "0823", 41.0748, 14.3323)
AVERSA = _place("aversa", "Aversa", "061005", "CE", "081", 40.9731, 14.2063)
CATANIA = _place("catania", "Catania", "087015", "CT", "095", 37.5079, 15.0830)
ACIREALE = _place("acireale", "Acireale", "087004", "CT", "095", 37.6126, 15.1657)
CALTAGIRONE = _place("caltagirone", "Caltagirone", "087011", "CT", "0933", 37.2377, 14.5126)
CROTONE = _place("crotone", "Crotone", "101010", "KR", "0962", 39.0808, 17.1271)
GENOVA = _place("genova", "Genova", "010025", "GE", "010", 44.4056, 8.9463)
CHIAVARI = _place("chiavari", "Chiavari", "010015", "GE", "0185", 44.3168, 9.3222)
PESARO = _place("pesaro", "Pesaro", "041044", "PU", "0721", 43.9100, 12.9133)
FANO = _place("fano", "Fano", "041013", "PU", "0721", 43.8433, 13.0193)
URBINO = _place("urbino", "Urbino", "041067", "PU", "0722", 43.7262, 12.6366)
TERAMO = _place("teramo", "Teramo", "067041", "TE", "0861", 42.6589, 13.7044)
GIULIANOVA = _place("giulianova", "Giulianova", "067025", "TE", "085", 42.7526, 13.9660)
BOLZANO = _place("bolzano", "Bolzano", "021008", "BZ", "0471", 46.4983, 11.3548)
MERANO = _place("merano", "Merano", "021051", "BZ", "0473", 46.6713, 11.1525)
BRUNICO = _place("brunico", "Brunico", "021013", "BZ", "0474", 46.7963, 11.9383)

# Outside every territory: callers from here are oriented, not transferred.
ROMA = _place("roma", "Roma", "058091", "RM", "06", 41.9028, 12.4964)
MILANO = _place("milano", "Milano", "015146", "MI", "02", 45.4642, 9.1900)
SESTO_SAN_GIOVANNI = _place(
    "sesto-san-giovanni", "Sesto San Giovanni", "015209", "MI", "02", 45.5350, 9.2349
)
FIRENZE = _place("firenze", "Firenze", "048017", "FI", "055", 43.7696, 11.2558)


def _city(code_name: str, name: str, place: Place) -> PilotTerritory:
    return PilotTerritory(f"ATR-C-{code_name}", f"Comune di {name}", place, comuni=(place.comune,))


def _province(sigla: str, name: str, place: Place) -> PilotTerritory:
    return PilotTerritory(f"ATR-{sigla}", name, place, provinces=(sigla,))


# In the seed's order: the 18 cities, then the 9 provinces.
PILOT_TERRITORIES: tuple[PilotTerritory, ...] = (
    _city("BOLOGNA", "Bologna", BOLOGNA),
    _city("COSENZA", "Cosenza", COSENZA),
    _city("FAENZA", "Faenza", FAENZA),
    _city("ISERNIA", "Isernia", ISERNIA),
    _city("NAPOLI", "Napoli", NAPOLI),
    _city("NUORO", "Nuoro", NUORO),
    _city("PALERMO", "Palermo", PALERMO),
    _city("PESCARA", "Pescara", PESCARA),
    _city("POTENZA", "Potenza", POTENZA),
    _city("PRATO", "Prato", PRATO),
    _city("RAVENNA", "Ravenna", RAVENNA),
    _city("REGGIO-EMILIA", "Reggio Emilia", REGGIO_EMILIA),
    _city("TRIESTE", "Trieste", TRIESTE),
    _city("VENEZIA", "Venezia", VENEZIA),
    _city("AGRIGENTO", "Agrigento", AGRIGENTO),
    _city("AOSTA", "Aosta", AOSTA),
    _city("LATINA", "Latina", LATINA),
    _city("TORINO", "Torino", TORINO),
    _province("AN", "Provincia di Ancona", ANCONA),
    _province("BA", "Provincia di Bari", BARI),
    _province("CE", "Provincia di Caserta", CASERTA),
    _province("CT", "Provincia di Catania", CATANIA),
    _province("KR", "Provincia di Crotone", CROTONE),
    _province("GE", "Provincia di Genova", GENOVA),
    _province("PU", "Provincia di Pesaro e Urbino", PESARO),
    _province("TE", "Provincia di Teramo", TERAMO),
    _province("BZ", "Provincia Autonoma di Bolzano", BOLZANO),
)
