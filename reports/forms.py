from datetime import date

from django import forms

from .periods import KINDS, LONGEST, Period, period_of


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Period", choices=KINDS)
    start = forms.DateField(
        label="Date",
        required=False,
        widget=DateInput,
        help_text="Any day of the week, month or quarter; the first day of custom dates. Empty: today.",
    )
    end = forms.DateField(label="Last day (custom dates only)", required=False, widget=DateInput)

    def __init__(self, data, today: date):
        super().__init__(data)
        self.today = today

    def clean(self):
        data = super().clean()
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            raise forms.ValidationError("Custom dates need a first and a last day.")
        if end <= start:
            self.add_error("end", "The last day must be after the first day.")
        elif end - start > LONGEST:
            self.add_error("end", "A report covers at most two years.")
        return data

    def chosen(self) -> Period:
        data = self.cleaned_data
        return period_of(data["period"], data.get("start") or self.today, data.get("end"))
