from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rete.notices.models import Notice
from rete.notices.services import notices_mark_read
from rete.reserved.http import reserved_view

PER_PAGE = 30


@reserved_view()
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(recipient=request.user)
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {"page": page})


@reserved_view()
@require_POST
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notice read and go where it points (only the person's own notices)."""
    notice = Notice.objects.filter(recipient=request.user, pk=pk).first()
    if notice is None:
        return redirect("reserved:notices")
    notices_mark_read(request.user, pk=notice.pk)
    local = notice.url.startswith("/") and not notice.url.startswith("//")
    return redirect(notice.url if local else "reserved:notices")


@reserved_view()
@require_POST
def notices_read_all(request: HttpRequest) -> HttpResponse:
    notices_mark_read(request.user)
    return redirect("reserved:notices")
