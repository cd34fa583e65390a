"""The shares synthetic contacts are drawn with (rete.statistics.synthetic), in one place.

Where ISTAT publishes a figure (see /work/shared/FACTS.md) it is used as published: about
half of the contacts not valid (46.2% in 2012–2018, lavoce.info), reasons of Q1 2025, 60.6%
of calls between 09:00 and 17:00, 65.5% of victims who had not reported to the police
(2023), 73.5% of victims referred, 94.4% of them to an anti-violence centre (2022). The rest
(ages, the other hours, how the not-valid contacts split, transfer and emergency details)
is a plausible guess, written down here so that it can be argued with and changed.

Weights are on any positive scale; `Shares` draws a code with one random number.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from rete.helpline.classification.lists import NOT_STATED, VICTIM
from rete.helpline.contacts.models import EmergencyOutcome, TransferOutcome


@dataclass(frozen=True, slots=True)
class Shares:
    """Codes with their weights (any positive scale), drawn with one random number."""

    codes: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: Mapping[str, float]) -> Shares:
        total = 0.0
        cumulative = []
        for weight in weights.values():
            total += weight
            cumulative.append(total)
        return cls(tuple(weights), tuple(cumulative))

    def pick(self, rng: random.Random) -> str:
        # min(): random() < 1, but its product with the total may round up to the total.
        index = bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.codes[min(index, len(self.codes) - 1)]

    def restricted(self, allowed: set[str]) -> Shares | None:
        """The same shares over the codes in `allowed` (the active answers of a version),
        or None when none of the codes is allowed."""
        weights: dict[str, float] = {}
        previous = 0.0
        for code, total in zip(self.codes, self.cumulative, strict=True):
            if code in allowed:
                weights[code] = total - previous
            previous = total
        return Shares.of(weights) if weights else None


# Not valid 46.2% (lavoce.info, 2012–2018); how it splits is a guess: nuisance and silent
# calls are the most common on any free number.
VALIDITY_SHARES = {
    "valid": 53.8,
    "nuisance": 16.2,
    "silent": 13.9,
    "wrong_number": 9.2,
    "prank": 6.9,
}
# ISTAT Q1 2025: help requests 19.4%, information on 1522 34%, on centres 14.2%.
REASON_SHARES = {
    "help_request": 19.4,
    "info_1522": 34.0,
    "info_centres": 14.2,
    "violence_report": 12.0,
    "off_target": 8.4,
    "stalking": 5.0,
    "legal_info": 4.0,
    "operator_procedure": 3.0,
}
# Who calls, by reason: a request for help is the victim's own; a report mostly a relative's.
CALLER_BY_REASON = {
    "help_request": {VICTIM: 100.0},
    "violence_report": {VICTIM: 30.0, "relative_friend": 55.0, "operator": 10.0, "other": 5.0},
    "info_1522": {VICTIM: 35.0, "relative_friend": 20.0, "other": 40.0, NOT_STATED: 5.0},
    "info_centres": {VICTIM: 45.0, "relative_friend": 25.0, "operator": 15.0, "other": 15.0},
    "legal_info": {VICTIM: 55.0, "relative_friend": 25.0, "other": 20.0},
    "operator_procedure": {"operator": 100.0},
    "stalking": {VICTIM: 80.0, "relative_friend": 20.0},
    "off_target": {"other": 70.0, NOT_STATED: 30.0},
}
# The victims' answers: single-choice lists.
VICTIM_SHARES = {
    "sex": {"female": 94.0, "male": 4.0, NOT_STATED: 2.0},
    "age_class": {
        "up_to_17": 3.0,
        "age_18_24": 8.0,
        "age_25_34": 17.0,
        "age_35_44": 22.0,
        "age_45_54": 21.0,
        "age_55_64": 11.0,
        "age_65_plus": 6.0,
        NOT_STATED: 12.0,
    },
    "citizenship": {"italian": 78.0, "foreign": 12.0, NOT_STATED: 10.0},
    "perpetrator_relationship": {
        "current_partner": 48.0,
        "ex_partner": 22.0,
        "family_member": 13.0,
        "acquaintance": 5.0,
        "colleague_employer": 2.0,
        "stranger": 2.0,
        "other": 2.0,
        NOT_STATED: 6.0,
    },
    "children_witnessing": {"yes": 35.0, "no": 15.0, "no_children": 25.0, NOT_STATED: 25.0},
    # ISTAT 2023: 65.5% had not reported the violence.
    "reported_to_police": {"no": 65.5, "yes": 25.0, NOT_STATED: 9.5},
    "first_contact": {"yes": 70.0, "no": 22.0, NOT_STATED: 8.0},
    "heard_of_1522": {
        "internet_social": 30.0,
        "tv_radio": 15.0,
        "relatives_friends": 14.0,
        "services_centres": 12.0,
        "police": 8.0,
        "information_material": 5.0,
        "press": 3.0,
        "other": 5.0,
        NOT_STATED: 8.0,
    },
}
# Several types per victim, each with its own chance; none drawn means "not stated" (about
# 6% of victims with these chances). Psychological violence and threats come first.
VIOLENCE_TYPE_CHANCES = {
    "psychological": 0.72,
    "threats": 0.45,
    "physical": 0.38,
    "economic": 0.15,
    "stalking": 0.14,
    "sexual": 0.07,
    "online": 0.06,
}
# ISTAT 2022: 73.5% of victims referred; of these 94.4% to an anti-violence centre, 2.4% to
# the police, 1.1% to a shelter. About one referred victim in ten gets a second service.
REFERRED_SHARE = 0.735
REFERRAL_MAIN_SHARES = {
    "anti_violence_centre": 94.4,
    "police": 2.4,
    "shelter": 1.1,
    "social_services": 0.8,
    "legal_advice": 0.5,
    "health_services": 0.4,
    "other": 0.4,
}
REFERRAL_SECOND_CHANCE = 0.10
REFERRAL_SECOND_SHARES = {
    "police": 35.0,
    "legal_advice": 25.0,
    "social_services": 20.0,
    "health_services": 10.0,
    "shelter": 5.0,
    "emergency_room": 5.0,
}
NOT_REFERRED_SHARES = {"none": 83.0, NOT_STATED: 17.0}

# Local hours: 09:00–17:00 carries 60.6% of the weight (ISTAT), the night the least.
HOUR_WEIGHTS = (
    1.0, 0.7, 0.5, 0.4, 0.4, 0.5, 0.9, 1.6, 2.3,  # 00–08
    5.2, 6.0, 6.1, 5.6, 5.0, 5.2, 5.4, 5.3,  # 09–16
    4.6, 4.0, 3.4, 2.6, 2.3, 1.9, 1.4,  # 17–23
)  # fmt: skip
# Monday to Sunday: a little more at the start of the week, less at the weekend.
WEEKDAY_WEIGHTS = (1.10, 1.05, 1.05, 1.00, 1.00, 0.85, 0.80)
# November (25 November campaigns) brings more calls.
MONTH_WEIGHTS = {11: 1.25}

# A comune is set when the operator routes the contact. A valid contact nearly always is
# (3% hang up or will not say where they are); a silent call never, and of the other not
# valid contacts only those that went on long enough for the question.
LOCATED_SHARES = {
    "valid": 0.97,
    "nuisance": 0.5,
    "prank": 0.5,
    "wrong_number": 0.3,
    "silent": 0.0,
}
# Contacts with a comune: this share from comuni covered by a territory of the network.
COVERED_SHARE = 0.65
# Without population figures, provincial capitals stand for their larger population.
CAPITAL_WEIGHT = 25.0

CHAT_SHARE = 0.15
LANGUAGE_SHARES = {"it": 93.5, "en": 2.5, "ar": 1.8, "es": 1.2, "fr": 1.0}
# Emergencies are valid contacts with a comune (about 52% of all contacts): 0.19% of those
# is about 0.1% of all contacts.
EMERGENCY_SHARE_OF_LOCATED_VALID = 0.0019
# A transfer is tried for most victims the network can take when a centre is open.
TRANSFER_TRY_CHANCE = 0.8
FIRST_ATTEMPT_SHARES = {
    TransferOutcome.ANSWERED: 82.0,
    TransferOutcome.NO_ANSWER: 12.0,
    TransferOutcome.BUSY: 6.0,
}
NEXT_ATTEMPT_ANSWERED = 0.85

TRANSFERRED = "transferred"
POLICE_ACTIVATED = "police_activated"
OUTCOME_NOT_VALID = {"interrupted": 85.0, "information_given": 15.0}
OUTCOME_WRONG_NUMBER = {"information_given": 60.0, "interrupted": 40.0}
OUTCOME_VICTIM_ROUTED = {"directed_to_service": 55.0, "information_given": 40.0, "interrupted": 5.0}
OUTCOME_OTHER = {"information_given": 75.0, "directed_to_service": 18.0, "interrupted": 7.0}
EMERGENCY_OUTCOME_SHARES = {
    EmergencyOutcome.HANDED_OVER: 90.0,
    EmergencyOutcome.POLICE_ON_SITE: 10.0,
}
