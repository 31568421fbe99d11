"""django-two-factor-auth's URL names, with this project's views where they differ.

Kept in the `two_factor` namespace so the library's templates still link right.
"""

from django.urls import path
from two_factor import views as two_factor_views

from . import views

urlpatterns = (
    [
        path("account/login/", views.LoginView.as_view(), name="login"),
        path("account/two_factor/setup/", views.setup_view, name="setup"),
        path("account/two_factor/qrcode/", two_factor_views.QRGeneratorView.as_view(), name="qr"),
        path(
            "account/two_factor/setup/complete/",
            two_factor_views.SetupCompleteView.as_view(),
            name="setup_complete",
        ),
        path("account/two_factor/backup/tokens/", views.backup_tokens, name="backup_tokens"),
        path("account/two_factor/", two_factor_views.ProfileView.as_view(), name="profile"),
        path("account/two_factor/disable/", views.disable_view, name="disable"),
    ],
    "two_factor",
)
