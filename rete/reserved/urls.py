from django.urls import include, path

from rete.reserved import views
from rete.reserved.documents import views as documents
from rete.reserved.mapping import views as mapping
from rete.reserved.territories import views as territories

app_name = "reserved"

urlpatterns = [
    path("", views.home, name="home"),
    # Detailed mapping of the services.
    path("mappatura/", mapping.mapping_list, name="mapping"),
    path("mappatura.csv", mapping.mapping_export, name="mapping_export"),
    path("mappatura/<str:service_id>/", mapping.mapping_service, name="mapping_service"),
    # Territories (ATR): protocols, chain, network, referents.
    path("territori/", territories.territory_list, name="territories"),
    path("territori/<str:code>/", territories.territory_detail, name="territory"),
    path(
        "protocolli/documenti/<int:pk>/file/",
        territories.protocol_document,
        name="protocol_document",
    ),
    # Reserved documents.
    path("documenti/", documents.document_list, name="documents"),
    path("documenti/carica/", documents.document_upload_view, name="document_upload"),
    path("documenti/<int:pk>/file/", documents.document_download, name="document_download"),
    path("documenti/<int:pk>/elimina/", documents.document_delete_view, name="document_delete"),
    # Call-centre statistics: reading (rete.statistics.reserved) and the Department's
    # releases (rete.statistics.releases).
    path("dati/", include("rete.statistics.reserved.urls")),
    path("dati/", include("rete.statistics.releases.urls")),
    # The person's notices (rete.notices): reserved:notices, notice_open, notices_read_all.
    path("avvisi/", include("rete.notices.urls")),
    # The territories' workflows: each capability's screens, in the reserved namespace.
    path("territori/", include("rete.territory_sheets.urls")),
    path("protocolli/", include("rete.network.lifecycle.urls")),
    path("segnalazioni/", include("rete.change_requests.urls")),
    path("questionari/", include("rete.monitoring.questionnaires.urls")),
    path("questionari/campagne/", include("rete.monitoring.campaigns.urls")),
    path("relazioni-annuali/", include("rete.annual_reports.urls")),
    path("assistenza/", include("rete.assistance.urls")),
    path("buone-pratiche/", include("rete.assistance.practices.urls")),
    path("eventi/", include("rete.events.urls")),
    # Access requests and accounts (the Department, the territories' referents).
    path("", include("rete.reserved.people.urls")),
    # The audit log (the Department): reserved:audit, audit_entry, audit_export, audit_verify.
    path("registro/", include("rete.reserved.audit_log.urls")),
]
