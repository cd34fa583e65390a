"""The reviewers' account screens: who sees which account, granting and revoking roles,
deactivating and reactivating, always within the reviewer's territories."""

import pytest
from django.urls import reverse

from rete.accounts.models import Grant
from rete.audit.models import AuditEntry
from tests.people import make_person


@pytest.fixture
def anna(bari, giraffa):
    return make_person(
        "anna", "network_operator", territory=bari, organization=giraffa, first_name="Anna"
    )


@pytest.fixture
def lia(palermo):
    return make_person("lia", "network_operator", territory=palermo, first_name="Lia")


@pytest.fixture
def marco(db):
    return make_person("marco", "monitoring_analyst", first_name="Marco")


def account_url(user, name="reserved:account", **kwargs):
    return reverse(name, kwargs={"personal_code": user.account.personal_code, **kwargs})


def test_the_list_holds_the_accounts_of_the_reviewers_territories(
    client, dora, rita, anna, lia, marco
):
    client.force_login(rita)
    page = client.get(reverse("reserved:accounts")).content.decode()
    assert anna.account.personal_code in page
    assert lia.account.personal_code not in page
    # A national account is the Department's.
    assert marco.account.personal_code not in page

    client.force_login(dora)
    page = client.get(reverse("reserved:accounts")).content.decode()
    for person in (anna, lia, marco, rita):
        assert person.account.personal_code in page


def test_the_list_filters_by_role_territory_status_and_name(
    client, dora, anna, lia, marco, palermo
):
    client.force_login(dora)

    def codes(**query):
        page = client.get(reverse("reserved:accounts"), query).content.decode()
        return {p.username for p in (anna, lia, marco) if p.account.personal_code in page}

    assert codes(role="monitoring_analyst") == {"marco"}
    assert codes(territory=palermo.pk) == {"lia"}
    assert codes(q="ann") == {"anna"}
    assert codes(q=anna.account.personal_code.lower()) == {"anna"}
    assert codes(status="deactivated") == set()


def test_the_detail_is_not_found_outside_the_scope(client, rita, lia, marco, dora):
    client.force_login(rita)
    assert client.get(account_url(lia)).status_code == 404
    assert client.get(account_url(marco)).status_code == 404
    assert client.get(account_url(dora)).status_code == 404
    response = client.post(account_url(lia, "reserved:account_deactivate"))
    assert response.status_code == 404
    lia.refresh_from_db()
    assert lia.is_active


def test_the_detail_shows_active_and_revoked_grants(client, rita, anna, bari, dora):
    grant = Grant.objects.get(user=anna)
    from rete.accounts.services import grant_revoke

    grant_revoke(grant=grant, by=dora, reason="Moved to another centre")
    client.force_login(rita)
    page = client.get(account_url(anna)).content.decode()
    assert "Network member&#x27;s operator" in page or "Network member's operator" in page
    assert "Moved to another centre" in page
    assert "dora" in page.lower()


def test_the_referent_grants_a_role_in_her_territory(client, rita, anna, bari):
    client.force_login(rita)
    response = client.post(
        account_url(anna, "reserved:account_grant_add"),
        {"role": "atr_referent", "territory": bari.pk},
    )
    assert response.status_code == 302
    grant = Grant.objects.get(user=anna, role="atr_referent")
    assert (grant.territory, grant.granted_by) == (bari, rita)
    assert AuditEntry.objects.filter(action="grant.create", actor=rita).exists()


def test_the_referent_cannot_grant_a_national_role(client, rita, anna):
    client.force_login(rita)
    response = client.post(
        account_url(anna, "reserved:account_grant_add"), {"role": "department_admin"}
    )
    assert response.status_code == 400
    assert "Only the Department can give this role." in response.content.decode()
    assert not Grant.objects.filter(user=anna, role="department_admin").exists()
    anna.refresh_from_db()
    assert not anna.groups.filter(name="department_admin").exists()


def test_the_department_grants_a_national_role(client, dora, anna):
    client.force_login(dora)
    client.post(account_url(anna, "reserved:account_grant_add"), {"role": "department_admin"})
    anna.refresh_from_db()
    assert Grant.objects.filter(user=anna, role="department_admin", territory=None).exists()
    assert anna.is_staff


def test_the_referent_revokes_a_role_with_a_reason(client, rita, anna):
    grant = Grant.objects.get(user=anna)
    client.force_login(rita)
    url = account_url(anna, "reserved:account_grant_revoke", grant_pk=grant.pk)

    missing = client.post(url, {"reason": ""})
    assert missing.status_code == 400
    assert "Write why the role is revoked." in missing.content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at is None

    response = client.post(url, {"reason": "Left the centre"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.revoked_by, grant.revocation_reason) == (rita, "Left the centre")
    assert grant.revoked_at is not None
    assert AuditEntry.objects.filter(action="grant.revoke", actor=rita).exists()


def test_the_referent_cannot_revoke_a_role_of_another_territory(client, rita, anna, palermo):
    other = Grant.objects.create(user=anna, role="network_operator", territory=palermo)
    client.force_login(rita)
    response = client.post(
        account_url(anna, "reserved:account_grant_revoke", grant_pk=other.pk),
        {"reason": "Not mine"},
    )
    assert response.status_code == 400
    assert "only roles in your own territories" in response.content.decode()
    other.refresh_from_db()
    assert other.revoked_at is None


def test_the_referent_deactivates_and_reactivates_an_account(client, rita, anna):
    client.force_login(rita)
    response = client.post(account_url(anna, "reserved:account_deactivate"))
    assert response.status_code == 302
    anna.refresh_from_db()
    anna.account.refresh_from_db()
    assert not anna.is_active
    assert anna.account.deactivated_at is not None
    assert anna.account.deactivation_reason == "by_reviewer"
    assert AuditEntry.objects.filter(action="account.deactivate", actor=rita).exists()
    page = client.get(account_url(anna)).content.decode()
    assert "Deactivated" in page

    client.post(account_url(anna, "reserved:account_reactivate"))
    anna.refresh_from_db()
    anna.account.refresh_from_db()
    assert anna.is_active
    assert anna.account.deactivated_at is None
    assert AuditEntry.objects.filter(action="account.reactivate", actor=rita).exists()


def test_the_referent_cannot_deactivate_an_account_with_roles_elsewhere(
    client, rita, anna, palermo
):
    Grant.objects.create(user=anna, role="network_operator", territory=palermo)
    client.force_login(rita)
    response = client.post(account_url(anna, "reserved:account_deactivate"))
    assert response.status_code == 400
    assert "also has roles outside your territories" in response.content.decode()
    anna.refresh_from_db()
    assert anna.is_active


def test_nobody_changes_their_own_account_here(client, dora):
    client.force_login(dora)
    response = client.post(account_url(dora, "reserved:account_deactivate"))
    assert response.status_code == 400
    assert "You cannot change your own account here" in response.content.decode()
    dora.refresh_from_db()
    assert dora.is_active


def test_the_detail_lists_the_account_requests(
    client, dora, bari, giraffa, django_capture_on_commit_callbacks
):
    from tests.accounts.access_requests.procedure import pending_request

    request = pending_request(client, django_capture_on_commit_callbacks)
    client.force_login(dora)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reserved:access_request_approve", kwargs={"pk": request.pk}),
            {"role": "network_operator", "territory": bari.pk, "organization": giraffa.pk},
        )
    request.refresh_from_db()
    page = client.get(account_url(request.account)).content.decode()
    assert f'href="/area-riservata/richieste/{request.pk}/"' in page


def test_a_grant_in_another_territory_or_without_role_changes_nothing(client, rita, anna, palermo):
    client.force_login(rita)
    url = account_url(anna, "reserved:account_grant_add")
    elsewhere = client.post(url, {"role": "network_operator", "territory": palermo.pk})
    assert elsewhere.status_code == 400
    assert "Choose one of the territories of the list." in elsewhere.content.decode()
    no_role = client.post(url, {"role": ""})
    assert no_role.status_code == 400
    assert "Choose a role." in no_role.content.decode()
    assert Grant.objects.filter(user=anna).count() == 1
