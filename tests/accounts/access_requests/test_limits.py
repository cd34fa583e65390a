"""Who may give which role where (rete.accounts.access_requests.limits), without HTTP."""

from rete.accounts.access_requests.limits import grant_limits_errors, grantable_roles
from rete.accounts.scopes import user_scope


def test_the_department_gives_any_role_anywhere(dora, bari):
    scope = user_scope(dora)
    assert set(grantable_roles(scope)) >= {"department_admin", "helpline_operator"}
    assert grant_limits_errors(scope, role="steering_committee", territory=None) == {}
    assert grant_limits_errors(scope, role="atr_referent", territory=bari) == {}


def test_a_referent_gives_territorial_roles_in_her_territories_only(rita, bari, palermo):
    scope = user_scope(rita)
    assert set(grantable_roles(scope)) == {"atr_referent", "network_operator"}
    assert grant_limits_errors(scope, role="network_operator", territory=bari) == {}
    assert grant_limits_errors(scope, role="network_operator", territory=palermo) == {
        "territory": "You can give roles only in your own territories."
    }
    assert grant_limits_errors(scope, role="monitoring_analyst", territory=None) == {
        "role": "Only the Department can give this role."
    }


def test_a_territorial_role_needs_a_territory_and_a_national_one_none(dora, bari):
    scope = user_scope(dora)
    assert "territory" in grant_limits_errors(scope, role="atr_referent", territory=None)
    assert "territory" in grant_limits_errors(scope, role="steering_committee", territory=bari)


def test_an_operator_gives_nothing(nina, bari):
    scope = user_scope(nina)
    assert grantable_roles(scope) == ()
    assert "role" in grant_limits_errors(scope, role="network_operator", territory=bari)
