"""A national network (about 160 territories, 5,000 services) goes in and out whole.

Timings are measured apart (see the report of the change); here the number of queries
is pinned, since it is what keeps the import and the export fast as the network grows.
"""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rete.network.networkfile.exporter import network_export
from rete.network.networkfile.importer import network_import
from rete.network.networkfile.validate import network_file_normalize
from rete.network.revision import network_revision_current
from tests.network.documents import EXPORT_QUERIES
from tests.network.national import national_comuni, national_network

pytestmark = pytest.mark.django_db


def test_it_imports_and_exports_a_national_network() -> None:
    document = national_network(national_comuni())
    assert len(document["services"]) == 5000
    assert len(document["territories"]) >= 150

    with CaptureQueriesContext(connection) as imported:
        report = network_import(copy.deepcopy(document))
    with CaptureQueriesContext(connection) as exported:
        exported_network = network_export()

    assert report.services.created == 5000
    # Bulk writes in batches (of at most 500 rows, fewer on SQLite, which binds at most
    # 999 parameters per statement): a few hundred queries for some 35,000 rows.
    assert len(imported) < 400
    assert len(exported) == EXPORT_QUERIES
    assert exported_network == network_file_normalize(document)

    revision = network_revision_current()
    document["services"][4321]["schedules"][0]["opens_at"] = "08:00"
    with CaptureQueriesContext(connection) as again:
        report = network_import(document)

    assert (report.services.updated, report.services.unchanged) == (1, 4999)
    assert network_revision_current() == revision + 1
    assert len(again) < 60
