"""The OpenAPI schema and the docs page, served without any third-party request."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.staticfiles import finders

EXPECTED_PATHS = {
    "/api/v1/ping",
    "/api/v1/health",
    "/api/v1/routing/decide",
    "/api/v1/comuni",
    "/api/v1/territories",
    "/api/v1/territories/{code}",
    "/api/v1/services",
    "/api/v1/services/{service_id}",
    "/api/v1/contacts",
    "/api/v1/contacts/{contact_id}",
    "/api/v1/stats/public",
}


def test_it_serves_the_openapi_schema(db, client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == EXPECTED_PATHS
    decide = schema["paths"]["/api/v1/routing/decide"]["post"]
    body = decide["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["comune"]
    assert body["additionalProperties"] is False
    assert set(decide["responses"]) == {"200", "400", "503"}


def test_it_serves_the_docs_page_from_our_own_static_files(db, client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "ninja" in settings.INSTALLED_APPS, (
        "django-ninja renders its docs page from a CDN unless 'ninja' is in INSTALLED_APPS"
    )
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for url in assets:
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url
    # No URL of another host anywhere in the page, and no call to Swagger's online validator.
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html)
    assert '"validatorUrl": null' in html
