from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        help_text=_("12 letters and numbers, for example K7QP-2MXD-9TRA. Spaces and dashes do not matter."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "autofocus": True}
        ),
    )


class CheckInForm(forms.Form):
    PRIVATE = [("yes", _("Yes, I can talk here")), ("no", _("Not right now"))]

    private = forms.ChoiceField(label=_("Are you somewhere private, where nobody can overhear?"), choices=PRIVATE,
                                widget=forms.RadioSelect)
    mode = forms.ChoiceField(label=_("How would you like to talk?"), widget=forms.RadioSelect)
    camera_off = forms.BooleanField(label=_("Start with my camera off"), required=False)
    hide_self_view = forms.BooleanField(label=_("Hide my own picture on my screen"), required=False)

    def __init__(self, *args, modes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"video": _("Video"), "audio": _("Audio only"), "callback": _("Call me on the phone instead")}
        self.fields["mode"].choices = [(mode, labels[mode]) for mode in [*modes, "callback"]]
        self.fields["mode"].initial = modes[0] if modes else "callback"
