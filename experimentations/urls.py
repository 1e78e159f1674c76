from django.urls import path

from experimentations import views

app_name = "experimentations"

urlpatterns = [
    path("", views.index, name="index"),
]
