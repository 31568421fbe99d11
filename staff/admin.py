from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from advocacy.admin import ProgramAdminOnly

from . import lockout
from .models import User


class StaffCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "role", "time_zone", "supervisor")


class StaffChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class StaffAdmin(ProgramAdminOnly, UserAdmin):
    """Program admins create staff here; there is no self sign-up."""

    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = ("username", "display_name", "role", "supervisor", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "time_zone")}),
        ("Role", {"fields": ("role", "supervisor", "is_active")}),
        ("History", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "time_zone",
                    "supervisor",
                    "usable_password",
                    "password1",
                    "password2",
                ),
                "description": "The new staff member sets up their authenticator app at first sign-in.",
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ("reset_second_factor", "unlock_sign_in", "sign_out_everywhere")

    @admin.action(description="Reset second factor (they enrol again at next sign-in)")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            user.end_all_sessions()
        messages.success(request, f"Second factor reset for {queryset.count()} staff member(s).")

    @admin.action(description="Unlock sign-in after failed attempts")
    def unlock_sign_in(self, request, queryset):
        for user in queryset:
            lockout.clear(user.get_username())
        messages.success(request, f"Sign-in unlocked for {queryset.count()} staff member(s).")

    @admin.action(description="Sign out everywhere")
    def sign_out_everywhere(self, request, queryset):
        for user in queryset:
            user.end_all_sessions()
        messages.success(request, f"{queryset.count()} staff member(s) signed out on every device.")


# Program admins manage second factors only through the actions above: the
# device admin pages would show another person's TOTP secret.
for model in (Group, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
