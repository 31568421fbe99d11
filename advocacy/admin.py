from django.core.exceptions import PermissionDenied
from two_factor.admin import AdminSiteOTPRequired


class ProgramAdminSite(AdminSiteOTPRequired):
    """The admin site: program admins with a verified second factor, nobody else.

    Its login page is the two-factor login; it never shows its own password form.
    """

    site_header = "Program administration"
    site_title = "Program administration"
    index_title = "Staff, forms and settings"

    def has_permission(self, request):
        user = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and getattr(user, "is_program_admin", False)
            and user.is_verified()
        )

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and request.user.is_verified():
            # Signed in properly, but not a program admin: no second login page.
            raise PermissionDenied("Staff and settings are for program admins.")
        return super().login(request, extra_context)


class ProgramAdminOnly:
    """ModelAdmin mixin: program admins may view, add, change and delete."""

    def _allowed(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)
