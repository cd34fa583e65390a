from django import template

from rete.notices.models import Notice

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
