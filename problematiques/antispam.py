"""What keeps robots and floods out of the report form, without a third-party captcha.

Three guards, each cheap for a person and costly for a script:

- a honeypot field people never see (``CHAMP_MIEL``), which robots fill in;
- a signed timestamp put in the form when it is shown: a report sent faster than
  ``PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM`` seconds after that was not typed by a person;
  each token sends one report (``jeton_utiliser``) and lasts
  ``PROBLEMATIQUES_SIGNALEMENT_DUREE_JETON`` seconds, so that a script cannot show the form
  once and send it again and again;
- a rate limit per account and per address (``limite_atteinte``): counted on the person's
  own reports for the account, in the shared cache for the IP address.

The limits are Django settings, read when used, with the defaults below, so that a
deployment (or a test) can tune them without touching the code:
``PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM`` (seconds, 5),
``PROBLEMATIQUES_SIGNALEMENT_DUREE_JETON`` (seconds, one day),
``PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE`` (reports per account and window, 5),
``PROBLEMATIQUES_SIGNALEMENT_LIMITE_IP`` (reports per address and window, 20) and
``PROBLEMATIQUES_SIGNALEMENT_FENETRE`` (the window, in seconds: one hour).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from problematiques.models import Problematique

# The honeypot's name: a plausible field that form-filling robots like to complete.
CHAMP_MIEL = "site_internet"

DELAI_MINIMUM_SECONDES = 5
DUREE_JETON_SECONDES = 24 * 60 * 60
LIMITE_PAR_COMPTE = 5
LIMITE_PAR_IP = 20
FENETRE_SECONDES = 60 * 60

_SEL_JETON = "problematiques.signalement.jeton"


def delai_minimum() -> float:
    return float(
        getattr(settings, "PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM", DELAI_MINIMUM_SECONDES)
    )


def duree_jeton() -> int:
    return int(getattr(settings, "PROBLEMATIQUES_SIGNALEMENT_DUREE_JETON", DUREE_JETON_SECONDES))


def limite_par_compte() -> int:
    return int(getattr(settings, "PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE", LIMITE_PAR_COMPTE))


def limite_par_ip() -> int:
    return int(getattr(settings, "PROBLEMATIQUES_SIGNALEMENT_LIMITE_IP", LIMITE_PAR_IP))


def fenetre() -> int:
    return int(getattr(settings, "PROBLEMATIQUES_SIGNALEMENT_FENETRE", FENETRE_SECONDES))


# --- Time guard ---------------------------------------------------------------------------


def jeton_nouveau(personne_id: int | None, *, debut: float | None = None) -> str:
    """A signed note of when the form was shown (``debut``, now by default), and to whom."""
    moment = time.time() if debut is None else debut
    return signing.dumps({"t": moment, "p": personne_id}, salt=_SEL_JETON)


def jeton_age(jeton: str, personne_id: int | None) -> float | None:
    """Seconds since the form carrying ``jeton`` was shown; ``None`` if the token is not one
    this site signed for this person (tampered, truncated, copied from another account)."""
    try:
        contenu: Any = signing.loads(jeton, salt=_SEL_JETON)
    except signing.BadSignature:
        return None
    if not isinstance(contenu, dict) or contenu.get("p") != personne_id:
        return None
    debut = contenu.get("t")
    if not isinstance(debut, int | float):
        return None
    return time.time() - debut


def jeton_expire(age: float) -> bool:
    """Whether a token ``age`` seconds old is past its lifetime."""
    return age > duree_jeton()


def jeton_utiliser(jeton: str, *, age: float) -> bool:
    """Spend ``jeton`` (``age`` seconds old) on a report: ``False`` if it was already spent.

    The spent tokens are remembered in the shared cache, by the workers together, until they
    would have expired anyway. ``cache.add`` writes only an absent key, in one INSERT whose
    primary key lets one worker win a race: two reports sent at once with one token make one.
    """
    cle = "problematiques:signalement:jeton-utilise:" + hashlib.sha256(jeton.encode()).hexdigest()
    return bool(cache.add(cle, True, timeout=max(1, math.ceil(duree_jeton() - age)) + 60))


# --- Rate limit ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Limite:
    """A limit reached: which one, and in how many seconds a report will be accepted again."""

    motif: str  # "compte" or "ip"
    reessayer_dans: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.reessayer_dans / 60))


def adresse_ip(request: HttpRequest) -> str:
    # The same address allauth counts its login attempts against, so both follow the
    # deployment's proxy settings (ALLAUTH_TRUSTED_PROXY_COUNT…).
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # no address at all: count those together rather than not at all
        return "inconnue"


def _cle_ip(ip: str, debut_fenetre: int) -> str:
    return f"problematiques:signalement:ip:{ip}:{debut_fenetre}"


def _debut_fenetre(maintenant: float) -> int:
    return int(maintenant // fenetre()) * fenetre()


def limite_atteinte(request: HttpRequest, personne: Any) -> Limite | None:
    """The limit this new report would exceed, or ``None`` if it may be sent."""
    # Per account: the person's own reports of the last window, counted in the database,
    # which stays exact across workers and survives a cache flush.
    depuis = timezone.now() - timedelta(seconds=fenetre())
    recents = list(
        Problematique.objects.de(personne)
        .filter(cree_le__gte=depuis)
        .order_by("-cree_le")
        .values_list("cree_le", flat=True)[: limite_par_compte()]
    )
    if len(recents) >= limite_par_compte():
        # Accepted again once the oldest of those leaves the window.
        libre_le = recents[-1] + timedelta(seconds=fenetre())
        return Limite("compte", max(1, math.ceil((libre_le - timezone.now()).total_seconds())))
    # Per address: a fixed window in the shared cache (several accounts, one robot).
    maintenant = time.time()
    debut = _debut_fenetre(maintenant)
    if cache.get(_cle_ip(adresse_ip(request), debut), 0) >= limite_par_ip():
        return Limite("ip", max(1, math.ceil(debut + fenetre() - maintenant)))
    return None


def compter_envoi(request: HttpRequest) -> None:
    """Count a report sent from this address in the current window."""
    cle = _cle_ip(adresse_ip(request), _debut_fenetre(time.time()))
    # add() creates the counter only if absent; incr() then counts. The window in the key
    # makes the counter expire by itself; the timeout only cleans up.
    cache.add(cle, 0, timeout=fenetre() * 2)
    try:
        cache.incr(cle)
    except ValueError:  # expired between add() and incr()
        cache.set(cle, 1, timeout=fenetre() * 2)
