"""Version 1 is in the database after migrate: published, with every ISTAT-aligned list."""

import pytest

from rete.helpline.classification.lists import VERSION_1
from rete.helpline.classification.selectors import classification_current
from rete.helpline.models import ClassificationItem, ClassificationList, ClassificationStatus

pytestmark = pytest.mark.django_db

EXPECTED_CODES = {
    "validity": ["valid", "nuisance", "prank", "wrong_number", "silent"],
    "caller_type": ["victim", "relative_friend", "operator", "other", "not_stated"],
    "reason": [
        "help_request",
        "violence_report",
        "info_1522",
        "info_centres",
        "legal_info",
        "operator_procedure",
        "stalking",
        "off_target",
    ],
    "sex": ["female", "male", "not_stated"],
    "age_class": [
        "up_to_17",
        "age_18_24",
        "age_25_34",
        "age_35_44",
        "age_45_54",
        "age_55_64",
        "age_65_plus",
        "not_stated",
    ],
    "citizenship": ["italian", "foreign", "not_stated"],
    "violence_type": [
        "psychological",
        "threats",
        "physical",
        "sexual",
        "economic",
        "stalking",
        "online",
        "not_stated",
    ],
    "perpetrator_relationship": [
        "current_partner",
        "ex_partner",
        "family_member",
        "acquaintance",
        "colleague_employer",
        "stranger",
        "other",
        "not_stated",
    ],
    "children_witnessing": ["yes", "no", "no_children", "not_stated"],
    "reported_to_police": ["yes", "no", "not_stated"],
    "first_contact": ["yes", "no", "not_stated"],
    "heard_of_1522": [
        "internet_social",
        "tv_radio",
        "press",
        "services_centres",
        "police",
        "relatives_friends",
        "information_material",
        "other",
        "not_stated",
    ],
    "referral_kind": [
        "anti_violence_centre",
        "shelter",
        "police",
        "social_services",
        "health_services",
        "emergency_room",
        "legal_advice",
        "other",
        "none",
        "not_stated",
    ],
    "outcome": [
        "information_given",
        "transferred",
        "directed_to_service",
        "police_activated",
        "callback_scheduled",
        "interrupted",
    ],
}
VICTIM_LISTS = {
    "sex",
    "age_class",
    "citizenship",
    "violence_type",
    "perpetrator_relationship",
    "children_witnessing",
    "reported_to_police",
    "first_contact",
    "heard_of_1522",
    "referral_kind",
}


def test_it_has_version_1_published(version_1):
    assert version_1.status == ClassificationStatus.PUBLISHED
    assert version_1.published_at is not None


def test_it_has_every_list_with_the_expected_codes_in_order(version_1):
    snapshot = classification_current()

    assert snapshot.number == 1
    assert {key: [item.code for item in lst.items] for key, lst in snapshot.lists.items()} == (
        EXPECTED_CODES
    )
    assert list(snapshot.lists) == list(EXPECTED_CODES)


def test_it_asks_the_victim_questions_of_victims_only(version_1):
    snapshot = classification_current()

    assert {key for key, lst in snapshot.lists.items() if lst.applies_to_victims} == VICTIM_LISTS


def test_it_allows_several_answers_for_violence_types_and_referrals_only(version_1):
    snapshot = classification_current()

    assert {key for key, lst in snapshot.lists.items() if lst.multiple} == {
        "violence_type",
        "referral_kind",
    }


def test_it_says_which_validity_answers_count_as_valid(version_1):
    validity = classification_current().lists["validity"]

    assert {item.code: item.valid for item in validity.items} == {
        "valid": True,
        "nuisance": False,
        "prank": False,
        "wrong_number": False,
        "silent": False,
    }
    assert (
        not ClassificationItem.objects.exclude(list__key="validity")
        .filter(valid__isnull=False)
        .exists()
    )


def test_it_shows_the_italian_labels_of_the_console(version_1):
    snapshot = classification_current()

    assert [item.label_it for item in snapshot.lists["violence_type"].items] == [
        "Violenza psicologica",
        "Minacce",
        "Violenza fisica",
        "Violenza sessuale",
        "Violenza economica",
        "Stalking",
        "Violenza online",
        "Non indicato",
    ]
    assert [item.label_it for item in snapshot.lists["age_class"].items] == [
        "Fino a 17 anni",
        "18-24 anni",
        "25-34 anni",
        "35-44 anni",
        "45-54 anni",
        "55-64 anni",
        "65 anni e oltre",
        "Non indicata",
    ]


def test_it_makes_not_stated_exclusive_where_several_answers_are_allowed(version_1):
    snapshot = classification_current()

    assert snapshot.lists["violence_type"].item("not_stated").exclusive
    assert snapshot.lists["referral_kind"].item("none").exclusive
    assert snapshot.lists["referral_kind"].item("not_stated").exclusive
    assert not snapshot.lists["referral_kind"].item("shelter").exclusive


def test_it_holds_exactly_the_content_of_lists_py(version_1):
    rows = ClassificationList.objects.filter(version=version_1).order_by("position")

    assert [(row.key, row.label_it, row.label_en) for row in rows] == [
        (spec["key"], spec["label_it"], spec["label_en"]) for spec in VERSION_1
    ]
    for row, spec in zip(rows, VERSION_1, strict=True):
        items = row.items.order_by("position")
        assert [(item.code, item.label_it, item.label_en) for item in items] == [
            (item["code"], item["label_it"], item["label_en"]) for item in spec["items"]
        ]
