"""Settings of the Ti Lab portal: one module, every deployment difference from the environment.

Every variable is listed with its meaning in ``.env.example``. Development defaults are safe
only because ``DEBUG`` is off unless set and the default database is the project-local one.
"""

from pathlib import Path

from django.utils.csp import CSP

from tilab.env import Env

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()

DEBUG = env.flag("DEBUG", default=False)
SECRET_KEY = env.text("SECRET_KEY", "django-insecure-dev-only-never-in-production-8d1f0c3e6b5a4972")
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS")
SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Applications -------------------------------------------------------------------------

INSTALLED_APPS = [
    # The project's apps, bottom layer first: each may import only the ones before it in
    # this list (the layers contract in pyproject.toml, checked by `make lint` and the suite).
    "tilab",
    "tilab.comptes",
    "problematiques",
    "communautes",
    "experimentations",
    "gouvernance",
    "documentation",
    "tilab.apps.AdminTilabConfig",  # django.contrib.admin, with the site of tilab.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "pgtrigger",
    "allauth",
    "allauth.account",
    "django_filters",
    "django_tasks_db",
]

AUTH_USER_MODEL = "comptes.Personne"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so that static files get the frame and content policies too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages leave gzipped when the browser accepts it. Below whitenoise, which answers static
    # files itself with their precompressed .br and .gz; above every middleware that writes
    # the response (headers, cookies, the CSP and its nonce), so that it compresses what they
    # wrote. Django pads each gzip stream with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "tilab.urls"
WSGI_APPLICATION = "tilab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # The portal's own templates (templates/) are read through tilab.typographie's
            # loader, which sets the French no-break spaces of their literal text once, at
            # compile time; the apps' templates (the admin's, allauth's) as Django reads them.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "tilab.typographie.Chargeur",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            # Every template's `date` filter writes French dates and times (« 1 décembre 2026
            # à 14 h 30 »), and `heure` and `typographie` need no {% load %}.
            "builtins": ["tilab.templatetags.typographie"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "tilab.context_processors.site",
            ],
        },
    },
]

# Form fields render through templates/django/forms/, so every form in the site (ours and
# allauth's) gets the same accessible field markup: label, help, errors tied to the input.
# Its select.html writes the options in one tag (tilab/templatetags/listes.py), not one
# template each: a menu of 1,200 communes no longer costs most of its page's time.
FORM_RENDERER = "tilab.formulaires.Rendu"

# --- Database -----------------------------------------------------------------------------

# Without DATABASE_URL: the project-local server that `make run` / `make test` start,
# reached through its unix socket inside var/postgres/ (see tilab/devtools.py).
DATABASES = {
    "default": env.database(
        "DATABASE_URL",
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "tilab",
            "USER": "tilab",
            # Resolved: var/postgres may be a symlink to a shorter path (tilab/devtools.py).
            "HOST": str((BASE_DIR / "var" / "postgres").resolve()),
            "CONN_MAX_AGE": 60,
        },
    )
}
# The bench (`make bench`) works on a database of its own, filled by `manage.py bench_generer`
# and never the development one: `tilab_bench` next to the default database, or
# BENCH_DATABASE_URL. It also counts each request's queries in a response header.
BENCH = env.flag("BENCH", default=False)
if BENCH:
    DATABASES["default"] = env.database(
        "BENCH_DATABASE_URL", {**DATABASES["default"], "NAME": "tilab_bench"}
    )
    MIDDLEWARE.insert(0, "tilab.banc.middleware.CompterLesRequetes")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No JIT compilation of queries: the portal's queries read a few rows through an index, and
# PostgreSQL compiled those whose estimate crossed its threshold for 20 ms each, most of their
# time (the team's load, the searches: `make bench`, EXPLAIN ANALYZE). A connection option, so
# that a managed PostgreSQL needs no change of its own.
_options_base = dict(DATABASES["default"].get("OPTIONS") or {})  # type: ignore[call-overload]
_options_base["options"] = " ".join(filter(None, [_options_base.get("options", ""), "-c jit=off"]))
DATABASES["default"]["OPTIONS"] = _options_base
DATABASES["default"]["TEST"] = {"NAME": env.text("TEST_DATABASE_NAME", "test_tilab")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every web worker (allauth's rate limits count there), kept in PostgreSQL
# so that production needs no other service. `make` runs createcachetable; tests get it free.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tilab_cache",
        # Past MAX_ENTRIES rows Django drops a third of them, live ones too: the rate-limit
        # counters and the spent report tokens (problematiques/antispam.py) must outlive a
        # busy hour, not just Django's default of 300 rows.
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}

# --- Background tasks ---------------------------------------------------------------------

TASKS = {
    "default": {
        "BACKEND": env.choice(
            "TASKS_BACKEND",
            [
                "django_tasks_db.DatabaseBackend",
                "django.tasks.backends.immediate.ImmediateBackend",
            ],
            "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

# --- Communities and framed commitments ---------------------------------------------------

# Past this many hours a month of running commitments, the join form warns the person before
# they confirm, and the team's view lists them.
COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = env.integer("COMMUNAUTES_SEUIL_HEURES_PAR_MOIS", 8, minimum=1)
# Maturity for COPIL: how many members a community of interest needs at least.
COMMUNAUTES_MATURITE_MEMBRES_MINIMUM = env.integer(
    "COMMUNAUTES_MATURITE_MEMBRES_MINIMUM", 5, minimum=1
)

# --- Governance ---------------------------------------------------------------------------

# How many members of a COPIL session must have voted (or declared an abstention) on every
# candidate for the session to close; shown on the session's page.
GOUVERNANCE_QUORUM_COPIL = env.integer("GOUVERNANCE_QUORUM_COPIL", 3, minimum=1)

# --- Accounts (django-allauth) ------------------------------------------------------------

# Django's and allauth's back ends, reading a signed-in person with their roles and proven
# address in one query (tilab/comptes/authentification.py).
AUTHENTICATION_BACKENDS = [
    "tilab.comptes.authentification.ParLeModele",
    "tilab.comptes.authentification.ParAllauth",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
# Sign-ups join the "Relais" role: see tilab/comptes/adapters.py.
ACCOUNT_ADAPTER = "tilab.comptes.adapters.CompteAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ti Lab] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env.flag("HTTPS", default=False) else "http"
# allauth's default rate limits stay on (sign-ups, codes, password resets…); two are decided
# here (README, « Comptes et sécurité »):
# - failed logins: 10 a minute per address, whatever the accounts, and 5 in 5 minutes per
#   account *and* address ("key" is both, tilab/comptes/adapters.py). allauth counts the 5 per
#   account alone, so five wrong passwords from anywhere locked the owner out everywhere;
#   no limit per account alone, for that reason: from many addresses, guessing a password of
#   10 characters or more, not a common one (AUTH_PASSWORD_VALIDATORS), stays hopeless.
# - verification codes: a code lives in the session of the window that asked for it, so
#   logging in from another one (a phone, after closing the tab) must send a new one.
#   allauth's 1 code per 10 seconds per address refused that login right after a sign-up;
#   3 a minute lets it through and still keeps an address from being flooded. Beyond that,
#   the login form says a code was just sent (tilab/comptes/adapters.py).
ACCOUNT_RATE_LIMITS: dict[str, str] = {
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "3/m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "comptes:profil"
ACCOUNT_LOGOUT_REDIRECT_URL = "accueil"

# --- E-mail -------------------------------------------------------------------------------

# Django 6.1's MAILERS: SMTP when EMAIL_HOST is set, otherwise messages print to the console.
_smtp_host = env.text("EMAIL_HOST")
if _smtp_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env.integer("EMAIL_PORT", 587, minimum=1),
                "username": env.text("EMAIL_HOST_USER"),
                "password": env.text("EMAIL_HOST_PASSWORD"),
                "use_tls": env.flag("EMAIL_USE_TLS", default=True),
                "use_ssl": env.flag("EMAIL_USE_SSL", default=False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.email("DEFAULT_FROM_EMAIL", "Ti Lab <ne-pas-repondre@tilab.bzh>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Ti Lab", address) for address in env.items("ADMINS")]

# --- Internationalisation -----------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "tilab" / "locale"]

# --- Static and media files ---------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
if BENCH:
    # The bench collects its own copy: a manifest in var/static would change the names the
    # tests and the development server see.
    STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "tilab.staticfiles.ManifestStaticFilesStorage"
            if env.flag("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False
# The site's files are for its own pages: no Access-Control-Allow-Origin: * on them.
WHITENOISE_ALLOW_ALL_ORIGINS = False

# --- Security -----------------------------------------------------------------------------

HTTPS = env.flag("HTTPS", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Messages travel in the session: the site sets no cookie but the session and CSRF ones,
# which is what the privacy page (templates/tilab/donnees_personnelles.html) tells people.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# A refused form (expired page, cookies blocked) answers in the site's frame and in plain French.
CSRF_FAILURE_VIEW = "tilab.views.erreur_csrf"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Django's own CSP: scripts and styles from our origin, inline ones only with the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Logging ------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "WARNING").upper()},
}

# --- The organisation behind the portal (legal pages) -------------------------------------

# What French law asks the legal notice, privacy and accessibility pages to name.
ORGANISATION = {
    "nom": env.text("ORG_NOM", "Ti Lab — laboratoire d'innovation publique de Bretagne"),
    "adresse": env.text("ORG_ADRESSE", "Rennes (Ille-et-Vilaine)"),
    "telephone": env.text("ORG_TELEPHONE", ""),
    "courriel": env.email("ORG_COURRIEL", "contact@tilab.bzh"),
    "directeur_publication": env.text(
        "ORG_DIRECTEUR_PUBLICATION", "la directrice ou le directeur du Ti Lab"
    ),
    "dpo_courriel": env.email("ORG_DPO_COURRIEL", "dpo@tilab.bzh"),
    "dpo_adresse": env.text("ORG_DPO_ADRESSE", "Délégué à la protection des données, Rennes"),
    "hebergeur_nom": env.text("ORG_HEBERGEUR_NOM", "à renseigner (ORG_HEBERGEUR_NOM)"),
    "hebergeur_adresse": env.text("ORG_HEBERGEUR_ADRESSE", "à renseigner (ORG_HEBERGEUR_ADRESSE)"),
    "hebergeur_telephone": env.text("ORG_HEBERGEUR_TELEPHONE", ""),
    "accessibilite_date": env.text("ORG_ACCESSIBILITE_DATE", "26 novembre 2026"),
}
