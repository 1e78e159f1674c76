from django.urls import path

from documentation import views

app_name = "documentation"

urlpatterns = [
    path("", views.index, name="index"),
]
