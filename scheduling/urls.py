from django.urls import path

from . import views

app_name = "scheduling"

urlpatterns = [
    path("week/", views.week, name="week"),
    path("hours/", views.my_hours, name="my_hours"),
    path("team/", views.team, name="team"),
    path("team/<int:advocate_pk>/hours/", views.edit_hours, name="edit_hours"),
    path("slots/", views.slots, name="slots"),
    path("cases/<int:case_pk>/book/", views.book, name="book"),
    path("appointments/<int:pk>/", views.appointment_detail, name="appointment"),
    path("appointments/<int:pk>/send-code/", views.send_code, name="send_code"),
    path("appointments/<int:pk>/show-code/", views.show_code, name="show_code"),
    path("appointments/<int:pk>/cancel/", views.cancel, name="cancel"),
]
