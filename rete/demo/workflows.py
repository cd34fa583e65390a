"""Demo data of the territories' workflows (issue 7): a territory sheet, a change waiting for
the Department, a questionnaire campaign, an annual report, an assistance request, good
practices and events open for registration. Every loader is idempotent and needs the demo
network and the demo accounts; the annual report's figures come from the statistics, so
this runs after them."""

from __future__ import annotations

from django.test.utils import override_settings

from rete.annual_reports.demo import demo_annual_reports_load
from rete.assistance.demo import demo_assistance_load
from rete.change_requests.demo import demo_change_requests_load
from rete.events.demo import demo_events_load
from rete.monitoring.demo import demo_monitoring_load
from rete.territory_sheets.demo import demo_territory_sheets_load


# The loaders act through the services, which notify people: the notices stay in the
# reserved area, the e-mails (to the demo accounts' .invalid addresses) are not sent.
@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def demo_workflows_load() -> None:
    demo_territory_sheets_load()
    demo_change_requests_load()
    demo_assistance_load()
    demo_events_load()
    demo_monitoring_load()
    demo_annual_reports_load()
