from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/close/", views.case_close, name="close"),
    path("<int:pk>/notes/new/", views.note_add, name="note_add"),
    path("<int:pk>/notes/<int:note_pk>/edit/", views.note_edit, name="note_edit"),
    path("<int:pk>/export/", views.export_page, name="export"),
    path("<int:pk>/export.json", views.export_json, name="export_json"),
    path("<int:pk>/erase/", views.case_erase, name="erase"),
    path("reassign/", views.reassign_list, name="reassign_list"),
    path("reassign/<int:pk>/", views.reassign_case, name="reassign"),
]
