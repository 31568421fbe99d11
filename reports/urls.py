from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("staff/", views.staff_load_page, name="staff"),
    path("export.csv", views.export_csv, name="csv"),
    path("print/", views.print_report, name="print"),
]
