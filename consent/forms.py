from django import forms

from cases.models import Mode

from .defaults import step_words
from .models import ConsentForm, Language


class ConsentAnswerForm(forms.Form):
    """An answer to the version that was shown: refused if a newer one was published meanwhile."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    modes = forms.MultipleChoiceField(choices=Mode.choices, widget=forms.CheckboxSelectMultiple, required=False)
    for_reports = forms.BooleanField(required=False)
    form_changed = "This form has just been updated. Read the new version first."
    choose_a_way = "Choose at least one way to talk."

    def __init__(self, *args, consent_form: ConsentForm, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_form = consent_form
        self.fields["version"].initial = consent_form.version

    def clean(self):
        data = super().clean()
        if data.get("version") != self.consent_form.version:
            self.add_error(None, self.form_changed)
            # Shown again with the new text: answering it then means having read it.
            self.data = self.data.copy()
            self.data["version"] = self.consent_form.version
        return data

    def require_a_way(self) -> None:
        if not self.cleaned_data.get("modes"):
            self.add_error("modes", self.choose_a_way)


class SurvivorConsentForm(ConsentAnswerForm):
    """The survivor's step, in their language; agree or decline come from the button pressed."""

    def __init__(self, *args, language: str, agreeing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreeing = agreeing
        words = step_words(language)
        self.form_changed, self.choose_a_way = words["form_changed"], words["choose_a_way"]
        modes = self.fields["modes"]
        modes.label = words["ways"]
        modes.choices = [(mode, words[mode]) for mode in Mode.values]
        modes.initial = [Mode.VIDEO, Mode.AUDIO]
        self.fields["for_reports"].label = words["reports"]

    def clean(self):
        data = super().clean()
        if self.agreeing:
            self.require_a_way()
        return data


class VerbalConsentForm(ConsentAnswerForm):
    """An advocate records consent the survivor gave aloud, after reading them the form."""

    agreed = forms.TypedChoiceField(
        label="The survivor's answer",
        choices=[("yes", "Agreed"), ("no", "Declined")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    for_sessions = forms.BooleanField(label="Agreed to digital sessions (video or audio)", required=False)

    field_order = ["version", "agreed", "modes", "for_sessions", "for_reports"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modes"].label = "Ways agreed"
        self.fields["for_reports"].label = "Agreed to be counted in anonymized reports"

    def clean(self):
        data = super().clean()
        if data.get("agreed"):
            self.require_a_way()
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label="Language of the form", choices=Language.choices)
