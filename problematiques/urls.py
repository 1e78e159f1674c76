from django.urls import path

from problematiques import views

app_name = "problematiques"

urlpatterns = [
    path("", views.index, name="index"),
]
