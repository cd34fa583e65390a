"""The admin shows the versions and their items, read-only, to whom may view them."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from rete.helpline.models import ClassificationItem, ClassificationList

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:helpline_classificationversion_changelist",
    "admin:helpline_classificationlist_changelist",
    "admin:helpline_classificationitem_changelist",
]


@pytest.fixture
def sara(db) -> User:
    """Sara supervises a shift and may view the classification, nothing more."""
    user = User.objects.create_user("sara", "sara@example.org", "x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="helpline",
            codename__in=[
                "view_classificationversion",
                "view_classificationlist",
                "view_classificationitem",
            ],
        )
    )
    return user


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", "root@example.org", "x")


@pytest.fixture
def olga(db) -> User:
    """Olga is staff with no permission on the helpline."""
    return User.objects.create_user("olga", "olga@example.org", "x", is_staff=True)


@pytest.mark.parametrize("name", CHANGELISTS)
def test_it_lists_the_classification_for_a_viewer(client: Client, sara, version_1, name):
    client.force_login(sara)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_it_shows_a_version_with_its_lists(client: Client, sara, version_1):
    client.force_login(sara)

    response = client.get(
        reverse("admin:helpline_classificationversion_change", args=[version_1.pk])
    )

    assert response.status_code == 200
    assert "perpetrator_relationship" in response.content.decode()


def test_it_shows_a_list_with_its_items(client: Client, sara, version_1):
    violence = ClassificationList.objects.get(version=version_1, key="violence_type")
    client.force_login(sara)

    response = client.get(reverse("admin:helpline_classificationlist_change", args=[violence.pk]))

    assert response.status_code == 200
    assert "Violenza psicologica" in response.content.decode()


def test_it_refuses_to_change_even_for_a_superuser(client: Client, root, version_1):
    item = ClassificationItem.objects.get(list__version=version_1, code="psychological")
    client.force_login(root)

    add = client.get(reverse("admin:helpline_classificationitem_add"))
    change = client.post(
        reverse("admin:helpline_classificationitem_change", args=[item.pk]),
        {"label_it": "Violenza morale"},
    )
    delete = client.post(
        reverse("admin:helpline_classificationitem_delete", args=[item.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    item.refresh_from_db()
    assert item.label_it == "Violenza psicologica"


@pytest.mark.parametrize("name", CHANGELISTS)
def test_it_refuses_staff_without_the_permission(client: Client, olga, version_1, name):
    client.force_login(olga)

    response = client.get(reverse(name))

    assert response.status_code == 403


@pytest.mark.parametrize("name", CHANGELISTS)
def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, version_1, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
