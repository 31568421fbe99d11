from django import forms

from staff.models import User

from .models import ALIAS_HELP, Case, Mode

NOTE_REMINDER = (
    "Write only what is needed to provide services: a court can ask for anything written here. "
    "Plain text, at most {limit:,} characters."
)


class CaseForm(forms.ModelForm):
    alias = forms.CharField(max_length=60, help_text=ALIAS_HELP)
    modes = forms.MultipleChoiceField(
        label="Preferred ways to meet", choices=Mode.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    interpreter_language = forms.CharField(
        label="Interpreter language", max_length=60, required=False, help_text="Leave empty if none is needed."
    )
    safe_word = forms.CharField(
        max_length=60,
        required=False,
        help_text="Optional. A word the survivor says when they cannot talk freely; you then end the call "
        "or change the subject.",
    )
    keep_contact = forms.BooleanField(label="The survivor agreed that we keep contact details", required=False)
    contact_email = forms.EmailField(label="Email", max_length=254, required=False)
    contact_phone = forms.CharField(label="Phone for text messages", max_length=40, required=False)

    class Meta:
        model = Case
        fields = [
            "alias", "modes", "interpreter_language", "safe_word", "keep_contact", "contact_email", "contact_phone"
        ]

    def clean(self):
        data = super().clean()
        if not data.get("keep_contact") and (data.get("contact_email") or data.get("contact_phone")):
            self.add_error(
                "keep_contact",
                "Contact details are kept only when the survivor agreed. Tick this box, or leave email and "
                "phone empty: you can type them when you send a code.",
            )
        return data


class NoteForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength attribute: the browser would cut pasted text without a word.
        # The server refuses and keeps the text instead.
        self.limit = limit
        self.fields["text"].help_text = NOTE_REMINDER.format(limit=limit)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text) > self.limit:
            raise forms.ValidationError(
                f"A note can hold at most {self.limit:,} characters; this one has {len(text):,}. "
                "Shorten it to what is needed to provide services."
            )
        return text


class EraseForm(forms.Form):
    alias = forms.CharField(label="Type the case's alias to confirm", max_length=60, strip=True)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_alias(self) -> str:
        alias = self.cleaned_data["alias"]
        if alias != self.case.alias:
            raise forms.ValidationError("That is not this case's alias. Nothing was erased.")
        return alias


class AdvocateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class ReassignForm(forms.Form):
    advocates = AdvocateChoiceField(
        queryset=User.objects.advocates(), widget=forms.CheckboxSelectMultiple, label="Assigned advocates"
    )
