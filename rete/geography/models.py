from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("ISTAT code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Province(models.Model):
    """A province, metropolitan city or free consortium, keyed by its two-letter sigla."""

    sigla = models.CharField(_("sigla"), max_length=2, primary_key=True)
    code = models.CharField(_("ISTAT code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return f"{self.name} ({self.sigla})"


class Comune(models.Model):
    code = models.CharField(_("ISTAT code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_other = models.CharField(_("name in the other language"), max_length=100, blank=True)
    # Accent- and case-folded names, so that search works the same on SQLite
    # and PostgreSQL without database extensions.
    search_name = models.CharField(max_length=210, db_index=True, editable=False)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="comuni", verbose_name=_("province")
    )
    is_capital = models.BooleanField(_("provincial capital"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{6}$"), name="comune_code_six_digits"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.province_id})"
