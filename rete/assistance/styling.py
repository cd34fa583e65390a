"""Bootstrap Italia classes on the widgets of this app's forms, so that templates render
a field with `{{ field }}` (Django adds aria-describedby for the help text and
aria-invalid for errors)."""

from __future__ import annotations

from django import forms


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
