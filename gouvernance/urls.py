from django.urls import path

from gouvernance import views

app_name = "gouvernance"

urlpatterns = [
    path("", views.index, name="index"),
]
