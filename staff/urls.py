from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("account/confirm-password/", views.confirm_password, name="confirm_password"),
    path("account/logout/", views.logout_view, name="logout"),
    path("account/logout-everywhere/", views.logout_everywhere, name="logout_everywhere"),
    path("account/password-reset/", views.password_reset, name="password_reset"),
    path("account/password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "account/password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("account/password-reset/done/", views.password_reset_done, name="password_reset_done"),
]
