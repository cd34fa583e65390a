import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_a_referent_their_territory_cards_and_the_menu(as_person) -> None:
    page = as_person("referent_a").get("/area-riservata/").content.decode()

    assert 'data-testid="territory-cards"' in page
    assert "Ambito Alfa" in page and "Ambito Beta" not in page
    assert 'href="/area-riservata/mappatura/"' in page
    assert 'href="/area-riservata/documenti/"' in page


def test_it_shows_a_national_role_the_menu_without_territory_cards(as_person) -> None:
    page = as_person("committee").get("/area-riservata/").content.decode()

    assert 'data-testid="territory-cards"' not in page
    assert 'href="/area-riservata/territori/"' in page


def test_it_sends_an_anonymous_visitor_to_sign_in(client) -> None:
    response = client.get("/area-riservata/")

    assert response.status_code == 302 and response["Location"].startswith("/accesso/")
