from django.urls import path

from communautes import views

app_name = "communautes"

urlpatterns = [
    path("", views.index, name="index"),
]
