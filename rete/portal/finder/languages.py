"""Names of the languages services speak, in the reader's language.

The directory names languages in Italian (`Language.name`); a reader of the English or Arabic
page needs them in her own language, and a woman who reads only her mother tongue
recognises its own name: "Arabic (العربية)". Django's catalogue translates most names; the
few it does not know have their English name here, translated with the rest of the site.
"""

from __future__ import annotations

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

_NOT_IN_DJANGO = {
    "zh": _("Chinese"),
    "tl": _("Tagalog"),
    "ti": _("Tigrinya"),
    "am": _("Amharic"),
    "so": _("Somali"),
    "wo": _("Wolof"),
    "ff": _("Fula"),
    "ha": _("Hausa"),
    "yo": _("Yoruba"),
    "si": _("Sinhala"),
    "lad": _("Ladin"),
    "sgn": _("Italian Sign Language (LIS)"),
}


def language_label(code: str, fallback: str = "") -> str:
    """ "Arabic (العربية)" in English, "arabo (العربية)" in Italian; a code neither Django
    nor this module knows is named by `fallback` (the directory's name) or by its code."""
    if code in _NOT_IN_DJANGO:
        return str(_NOT_IN_DJANGO[code])
    info = LANG_INFO.get(code)
    if info is None or "name" not in info:
        return fallback or code
    translated = gettext(info["name"])
    local = info.get("name_local", "")
    if not local or local.casefold() == translated.casefold():
        return translated
    return pgettext("language name and its own name", "%(name)s (%(local)s)") % {
        "name": translated,
        "local": local,
    }
