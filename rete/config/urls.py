from django.contrib import admin
from django.urls import path

from rete.config.api import api

admin.site.site_header = "Rete Antiviolenza"
admin.site.site_title = "Rete Antiviolenza"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
