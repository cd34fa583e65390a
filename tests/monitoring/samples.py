"""A questionnaire definition with every type of question, for the monitoring tests.

q2 is asked only when q1 is "yes"; q1, q2, q3 and q6 are required (q2 only when asked).
"""

from __future__ import annotations

import copy
from typing import Any

_SAMPLE: dict[str, Any] = {
    "sections": [
        {
            "key": "s1",
            "title": "Accoglienza",
            "description": "Le donne accolte nel periodo.",
            "questions": [
                {
                    "key": "q1",
                    "type": "single",
                    "label": "Il servizio ha accolto donne nel periodo?",
                    "help": "",
                    "required": True,
                    "options": [{"key": "yes", "label": "Sì"}, {"key": "no", "label": "No"}],
                },
                {
                    "key": "q2",
                    "type": "multiple",
                    "label": "Con quali canali?",
                    "help": "Tutti quelli usati.",
                    "required": True,
                    "options": [
                        {"key": "phone", "label": "Telefono"},
                        {"key": "in_person", "label": "Di persona"},
                        {"key": "online", "label": "Online"},
                    ],
                    "show_if": {"question": "q1", "any_of": ["yes"]},
                },
                {
                    "key": "q3",
                    "type": "number",
                    "label": "Quante donne?",
                    "help": "",
                    "required": True,
                    "min": 0,
                    "max": 100000,
                    "integer": True,
                },
            ],
        },
        {
            "key": "s2",
            "title": "Organizzazione",
            "description": "",
            "questions": [
                {
                    "key": "q4",
                    "type": "text",
                    "label": "Osservazioni",
                    "help": "",
                    "required": False,
                    "max_length": 2000,
                },
                {"key": "q5", "type": "date", "label": "Ultima formazione", "required": False},
                {
                    "key": "q6",
                    "type": "matrix",
                    "label": "Come valutate la collaborazione con",
                    "help": "",
                    "required": True,
                    "rows": [
                        {"key": "police", "label": "Forze dell'ordine"},
                        {"key": "health", "label": "Servizi sanitari"},
                    ],
                    "options": [
                        {"key": "good", "label": "Buona"},
                        {"key": "fair", "label": "Sufficiente"},
                        {"key": "poor", "label": "Scarsa"},
                    ],
                },
            ],
        },
    ]
}

# A complete, valid submission of the sample.
SAMPLE_ANSWERS: dict[str, Any] = {
    "q1": "yes",
    "q2": ["phone", "online"],
    "q3": 12,
    "q4": "Nessuna criticità.",
    "q5": "2026-03-02",
    "q6": {"police": "good", "health": "fair"},
}


def sample_definition() -> dict[str, Any]:
    """A fresh copy (tests may change it)."""
    return copy.deepcopy(_SAMPLE)
