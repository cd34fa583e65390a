"""The matrix's rows and the world's objects of each capability, one module per capability
(tests/security/parts/<capability>.py), so that a capability brings its own.

A part module defines:
- `objects(world) -> dict[str, Any]`: the objects its pages are about, bound to territory A
  (or to the people of A) so that the referent of B must get 404; added to `world.objects`;
- `ROWS: dict[str, Spec | tuple[Spec, ...]]`: its matrix rows, built with the helpers of
  tests.security.matrix (Spec, only, but, ...).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any


def _parts() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    ]


def parts_rows() -> dict[str, Any]:
    # Called by the matrix while it is built; asked from elsewhere, the matrix comes first.
    import tests.security.matrix  # noqa: F401

    rows: dict[str, Any] = {}
    for part in _parts():
        duplicated = set(rows) & set(part.ROWS)
        if duplicated:
            raise ValueError(f"{part.__name__} repeats rows {sorted(duplicated)}")
        rows.update(part.ROWS)
    return rows


def parts_objects(world: Any) -> dict[str, Any]:
    # The matrix first: it imports every part while it is built, and a part imported before
    # it would find the matrix half-built.
    import tests.security.matrix  # noqa: F401

    made: dict[str, Any] = {}
    for part in _parts():
        made.update(part.objects(world))
    return made
