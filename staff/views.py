from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from two_factor import views as two_factor_views
from two_factor.utils import default_device

from advocacy.access import public

from . import backup_codes, reauth
from .forms import ConfirmPasswordForm, HashedBackupTokenForm, LockoutAuthenticationForm, LockoutTokenForm
from .navigation import items_for


@public
class LoginView(two_factor_views.LoginView):
    """django-two-factor-auth's login with lockout and hashed backup codes."""

    form_list = (
        (two_factor_views.LoginView.AUTH_STEP, LockoutAuthenticationForm),
        (two_factor_views.LoginView.TOKEN_STEP, LockoutTokenForm),
        (two_factor_views.LoginView.BACKUP_STEP, HashedBackupTokenForm),
    )


setup_view = reauth.require_recent_password(two_factor_views.SetupView.as_view())
disable_view = reauth.require_recent_password(two_factor_views.DisableView.as_view())


def dashboard(request):
    return render(
        request,
        "staff/dashboard.html",
        {
            "links": [item for item in items_for(request.user) if item.url_name != "staff:dashboard"],
            "device": default_device(request.user),
            "backup_codes_left": backup_codes.remaining(request.user),
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
        },
    )


@require_http_methods(["GET", "POST"])
@reauth.require_recent_password
def backup_tokens(request):
    """Shows how many backup codes are left; generating new ones shows them once."""
    codes = None
    if request.method == "POST":
        codes = backup_codes.new_codes(request.user, settings.BACKUP_CODE_COUNT)
    return render(
        request,
        "two_factor/core/backup_tokens.html",
        {"codes": codes, "remaining": backup_codes.remaining(request.user)},
    )


@require_http_methods(["GET", "POST"])
def confirm_password(request):
    next_url = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = settings.LOGIN_REDIRECT_URL
    form = ConfirmPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        reauth.mark_confirmed(request)
        return redirect(next_url)
    return render(request, "staff/confirm_password.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_POST
def logout_everywhere(request):
    user = request.user
    user.end_all_sessions()
    logout(request)
    messages.info(request, "You are signed out on every device.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


# Password reset by email. post_reset_login stays False: a reset never signs
# anyone in; the next login still asks for the second factor.
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="staff/password_reset.html",
        email_template_name="staff/password_reset_email.txt",
        subject_template_name="staff/password_reset_subject.txt",
        success_url="/account/password-reset/sent/",
    )
)
password_reset_sent = public(auth_views.PasswordResetDoneView.as_view(template_name="staff/password_reset_sent.html"))
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="staff/password_reset_confirm.html",
        post_reset_login=False,
        success_url="/account/password-reset/done/",
    )
)
password_reset_done = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="staff/password_reset_done.html")
)
