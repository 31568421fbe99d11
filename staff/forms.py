from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm

from . import lockout
from .backup_codes import hash_code


class LockoutAuthenticationForm(AuthenticationForm):
    """The password step: refuses locked usernames and counts failures."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and lockout.is_locked(username):
            raise ValidationError(lockout.locked_message(), code="locked")
        try:
            return super().clean()
        except ValidationError:
            if username:
                lockout.record_failure(username)
            raise


class LockoutTokenMixin:
    """The token steps: a wrong token counts towards the same lock as a wrong password."""

    def clean(self):
        username = self.user.get_username()
        if lockout.is_locked(username):
            raise ValidationError(lockout.locked_message(), code="locked")
        try:
            return super().clean()
        except ValidationError:
            lockout.record_failure(username)
            raise


class LockoutTokenForm(LockoutTokenMixin, AuthenticationTokenForm):
    pass


class HashedBackupTokenForm(LockoutTokenMixin, BackupTokenForm):
    def clean_otp_token(self):
        # Stored codes are keyed hashes: compare hash with hash.
        return hash_code(self.cleaned_data["otp_token"])


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        username = self.user.get_username()
        if lockout.is_locked(username):
            raise ValidationError(lockout.locked_message(), code="locked")
        if authenticate(username=username, password=password) is None:
            lockout.record_failure(username)
            raise ValidationError("That password is not right.", code="invalid")
        return password
