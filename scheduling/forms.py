import zoneinfo
from datetime import datetime, timedelta

from django import forms
from django.forms import inlineformset_factory

from cases.models import Mode
from staff.models import User

from .models import Appointment, Boundaries, CodeDelivery, ContactException, ContactHours, JoinCode

TIME_ZONES = sorted(zoneinfo.available_timezones())
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AppointmentForm(forms.Form):
    """Date and time are typed in the advocate's own time zone."""

    advocate = forms.ModelChoiceField(queryset=User.objects.none(), empty_label=None)
    date = forms.DateField(widget=DATE_INPUT)
    start = forms.TimeField(widget=TIME_INPUT)
    minutes = forms.IntegerField(label="Length (minutes)", min_value=15, max_value=180)
    mode = forms.ChoiceField(choices=Mode.choices)
    survivor_time_zone = forms.ChoiceField(
        label="Survivor's time zone", choices=[(zone, zone) for zone in TIME_ZONES]
    )
    interpreter_language = forms.CharField(label="Interpreter language (if needed)", max_length=60, required=False)
    reconnect_caller = forms.ChoiceField(label="If the call drops", choices=Appointment.Caller.choices)
    reconnect_wait_minutes = forms.IntegerField(label="Minutes to wait before the fallback", min_value=1, max_value=60)
    reconnect_fallback = forms.CharField(
        label="Fallback arrangement",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you agreed, e.g. “call the program line”. Write only what is needed.",
    )

    def __init__(self, *args, advocates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advocate"].queryset = User.objects.filter(pk__in=[a.pk for a in advocates])

    def clean(self):
        data = super().clean()
        advocate, day, start, minutes = (data.get(k) for k in ("advocate", "date", "start", "minutes"))
        if advocate and day and start and minutes:
            zone = zoneinfo.ZoneInfo(advocate.time_zone)
            data["starts_at"] = datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = data["starts_at"] + timedelta(minutes=minutes)
        return data

    def appointment_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "survivor_time_zone": data["survivor_time_zone"],
            "interpreter_language": data["interpreter_language"],
            "reconnect_caller": data["reconnect_caller"],
            "reconnect_wait_minutes": data["reconnect_wait_minutes"],
            "reconnect_fallback": data["reconnect_fallback"],
        }


class SendCodeForm(forms.Form):
    role = forms.ChoiceField(label="Code for", choices=JoinCode.Role.choices, initial=JoinCode.Role.SURVIVOR)
    channel = forms.ChoiceField(label="Send by", choices=CodeDelivery.Channel.choices, widget=forms.RadioSelect)
    address = forms.CharField(
        label="Email address or mobile number",
        max_length=254,
        required=False,
        help_text="Typed now and discarded once the message is sent.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    use_kept_contact = forms.BooleanField(label="Use the contact the survivor agreed we keep", required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if not (case and case.keep_contact and (case.contact_email or case.contact_phone)):
            del self.fields["use_kept_contact"]

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if data.get("use_kept_contact"):
            data["address"] = self.case.contact_email if channel == "email" else self.case.contact_phone
            if not data["address"]:
                raise forms.ValidationError("No kept contact for that way of sending. Type the address or number.")
        address = (data.get("address") or "").strip()
        if not address:
            self.add_error("address", "Type the email address or mobile number to send to.")
        elif channel == "email":
            try:
                forms.EmailField().clean(address)
            except forms.ValidationError:
                self.add_error("address", "That is not an email address.")
        elif channel == "sms":
            digits = "".join(ch for ch in address if ch.isdigit())
            if not address.lstrip().startswith("+") or not 8 <= len(digits) <= 15:
                self.add_error("address", "Type the mobile number with its country code, e.g. +1 312 555 0100.")
            address = "+" + digits
        data["address"] = address
        return data


class BoundariesForm(forms.ModelForm):
    class Meta:
        model = Boundaries
        fields = ("max_sessions_per_day", "buffer_minutes", "min_notice_hours", "session_minutes")


ContactHoursFormSet = inlineformset_factory(
    User,
    ContactHours,
    fk_name="advocate",
    fields=("weekday", "start", "end"),
    widgets={"start": TIME_INPUT, "end": TIME_INPUT},
    extra=3,
    can_delete=True,
)
ContactExceptionFormSet = inlineformset_factory(
    User,
    ContactException,
    fk_name="advocate",
    fields=("date", "start", "end"),
    widgets={"date": DATE_INPUT, "start": TIME_INPUT, "end": TIME_INPUT},
    extra=2,
    can_delete=True,
)
