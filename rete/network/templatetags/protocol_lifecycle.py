"""The territory page's and the reserved home's word on a protocol about to end: a banner
when the protocol in force ends within 60 days and no active renewal continues it."""

from __future__ import annotations

from django import template
from django.utils import timezone

from rete.network.lifecycle.selectors import territory_ending

register = template.Library()


@register.inclusion_tag("network/lifecycle/_ending_banner.html")
def protocol_ending_banner(territory_code: str, link: bool = True) -> dict:
    return {"ending": territory_ending(territory_code, today=timezone.localdate()), "link": link}
