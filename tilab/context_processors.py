from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """What every page of the frame needs: the organisation's legal identity."""
    return {"ORGANISATION": settings.ORGANISATION, "SITE_URL": settings.SITE_URL}
