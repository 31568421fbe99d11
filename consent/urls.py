from django.urls import path

from . import views

app_name = "consent"

# Staff pages only. The survivor's step (views.render_consent_step and
# views.handle_consent_step) is mounted by the join path, never under a URL
# that carries a case id.
urlpatterns = [
    path("case/<int:pk>/record/", views.record_verbal, name="record"),
    path("case/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
