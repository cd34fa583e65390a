"""The Department's content on the public portal: news, agenda, documents, campaigns,
search. Pages exist in Italian and English (settings.PORTAL_CONTENT_LANGUAGES); files are
served only by the download views, for published public items."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from rete.portal.http import public_page
from rete.publications import selectors
from rete.publications.models import DocumentCategory
from rete.publications.search import MIN_QUERY_LENGTH, publications_search, search_query_clean


def _content_page(request: HttpRequest) -> str:
    request.page_languages = settings.PORTAL_CONTENT_LANGUAGES
    return get_language()


@public_page()
def news_list(request: HttpRequest) -> HttpResponse:
    language = _content_page(request)
    page, news = selectors.news_page(language=language, page=request.GET.get("page"))
    return TemplateResponse(
        request, "publications/news_list.html", {"page_obj": page, "news": news}
    )


@public_page()
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = _content_page(request)
    item = selectors.news_get(slug=slug, language=language)
    return TemplateResponse(request, "publications/news_detail.html", {"entry": item})


@public_page()
def events(request: HttpRequest) -> HttpResponse:
    language = _content_page(request)
    agenda = selectors.agenda(language=language, page=request.GET.get("page"))
    return TemplateResponse(
        request, "publications/events.html", {"agenda": agenda, "page_obj": agenda.past_page}
    )


@public_page()
def event(request: HttpRequest, slug: str) -> HttpResponse:
    language = _content_page(request)
    item = selectors.event_get(slug=slug, language=language)
    return TemplateResponse(request, "publications/event_detail.html", {"entry": item})


@public_page()
def documents(request: HttpRequest) -> HttpResponse:
    language = _content_page(request)
    filters = selectors.document_filters(
        category=request.GET.get("categoria"), territory=request.GET.get("territorio")
    )
    page, found = selectors.documents_page(
        language=language, filters=filters, page=request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "documents": found,
        "filters": filters,
        "categories": DocumentCategory.choices,
        "territories": selectors.document_territories(),
    }
    return TemplateResponse(request, "publications/documents.html", context)


@public_page()
def document(request: HttpRequest, slug: str) -> HttpResponse:
    language = _content_page(request)
    item = selectors.document_get(slug=slug, language=language)
    return TemplateResponse(request, "publications/document_detail.html", {"entry": item})


@public_page()
def document_file(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(selectors.document_public_get(slug=slug), slug)


@public_page()
def campaigns(request: HttpRequest) -> HttpResponse:
    language = _content_page(request)
    page, found = selectors.campaigns_page(language=language, page=request.GET.get("page"))
    return TemplateResponse(
        request, "publications/campaigns.html", {"page_obj": page, "campaigns": found}
    )


@public_page()
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    language = _content_page(request)
    item = selectors.campaign_get(slug=slug, language=language)
    materials = selectors.campaign_materials(campaign=item.item, language=language)
    return TemplateResponse(
        request, "publications/campaign_detail.html", {"entry": item, "materials": materials}
    )


@public_page()
def campaign_material(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    material = selectors.material_public_get(slug=slug, pk=pk)
    return _download(material, f"{slug}-{pk}")


@public_page()
def search(request: HttpRequest) -> HttpResponse:
    language = _content_page(request)
    raw = request.GET.get("q", "")
    query = search_query_clean(raw)
    groups = publications_search(query=query, language=language) if query else []
    context = {
        "raw_query": raw.strip()[:100],
        "query": query,
        "too_short": bool(raw.strip()) and not query,
        "min_length": MIN_QUERY_LENGTH,
        "groups": groups,
    }
    return TemplateResponse(request, "publications/search.html", context)


def _download(item, basename: str) -> HttpResponse:
    """The item's file as an attachment, with the type its (checked) content has."""
    fmt = item.file_format
    if fmt is None or not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{basename}.{fmt.extensions[0]}",
        content_type=fmt.content_type,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
