"""The parts of the reserved area that a later release brings: each has its page now, saying
what it will hold and when it is planned, with no figures until real ones exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.reserved.http import reserved_view


@dataclass(frozen=True)
class ComingPage:
    title: Promise
    what: tuple[Promise, ...]
    when: Promise


PAGES = {
    "questionnaires": ComingPage(
        title=_("Monitoring questionnaires"),
        what=(
            _(
                "The questionnaires of the monitoring company, to answer online for your "
                "organisation or territory."
            ),
            _("Reminders of the deadlines and the answers already sent."),
        ),
        when=_("Planned with the territories' workflows, after the next release."),
    ),
    "annual_reports": ComingPage(
        title=_("Annual reports"),
        what=(
            _(
                "Each territory's annual report, written online on the report format and "
                "sent to the Department."
            ),
            _("The reports of past years, for the territory's people and the Department."),
        ),
        when=_(
            "Planned with the territories' workflows, after the next release. "
            "Meanwhile the report formats are among the reserved documents."
        ),
    ),
}


@reserved_view()
def coming(request: HttpRequest, page: str) -> HttpResponse:
    return render(request, "reserved/coming/page.html", {"page": PAGES[page], "key": page})
