"""Geography in the admin: read-only (it comes from ISTAT, loaded by a migration), and
searchable, so that provinces and comuni can be picked by autocomplete elsewhere."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from rete.geography.models import Comune, Province, Region
from rete.geography.text import fold


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable with the view permission; nobody adds, changes or deletes through the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ("name", "sigla", "code", "region")
    list_select_related = ("region",)
    list_filter = ("region",)
    search_fields = ("name", "sigla", "code")
    ordering = ("name",)


@admin.register(Comune)
class ComuneAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "province", "is_capital")
    list_select_related = ("province",)
    list_filter = ("province__region", "is_capital")
    search_fields = ("name", "name_other", "code")
    ordering = ("name", "code")
    show_full_result_count = False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Comune], search_term: str
    ) -> tuple[QuerySet[Comune], bool]:
        # Accent-insensitive too: "cefalu" finds Cefalù, like the public autocomplete.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            results = results | queryset.filter(search_name__contains=folded)
        return results, may_have_duplicates
