"""The JSON API (django-ninja): every capability mounts its router here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Rete Antiviolenza API",
    version="1",
    docs_url="/docs",
    urls_namespace="api-v1",
)
