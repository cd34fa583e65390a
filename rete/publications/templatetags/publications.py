from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def lang_attr(text: object) -> str:
    """` lang="it"` on an element whose text fell back to another language, else nothing."""
    lang = getattr(text, "lang", "")
    return format_html(' lang="{}"', lang) if lang else ""


@register.simple_tag(takes_context=True)
def page_query(context: dict, number: int) -> str:
    """The current query string (filters kept) pointing at page `number`."""
    query = context["request"].GET.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()
