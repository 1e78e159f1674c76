# The whole setup is `make run` (serve the portal) or `make test` (run the suite).
# Everything else is found or created here: Python ≥ 3.12, .venv, the local PostgreSQL.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.SUFFIXES:

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install db migrate run test stop reset backup restore serve worker lock lint bench traductions

# Links in e-mails and calendar feeds name the address actually served: the port chosen here,
# unless SITE_URL is set (in the environment or on the command line), which always wins.
run serve worker: export SITE_URL ?= http://127.0.0.1:$(PORT)

help:
	@echo "make run    installe, démarre la base locale, migre, charge la démo et sert le portail"
	@echo "make test   même préparation, puis toute la suite de tests sur PostgreSQL"
	@echo "make stop   arrête la base PostgreSQL locale"
	@echo "make reset  recrée la base locale vide (après un changement de migrations)"
	@echo "make backup sauvegarde la base et les fichiers téléversés dans var/sauvegardes/"
	@echo "make restore SAUVEGARDE=dossier  remet une sauvegarde en place"
	@echo "make serve  sert le portail avec gunicorn (production)"
	@echo "make worker lance le worker des tâches de fond"
	@echo "make lock   régénère requirements.lock depuis pyproject.toml"
	@echo "make lint   ruff, mypy et le contrat des couches (import-linter)"
	@echo "make traductions  recompile tilab/locale/ (les mots du portail) après un changement du .po"
	@echo "make bench  mesure chaque page sur un grand jeu de données (base tilab_bench, gunicorn, ab) ;"
	@echo "            BENCH_REGENERER=1 refait les données, BENCH_ECHELLE=0.1 en génère un dixième,"
	@echo "            BENCH_ARGS=\"--seulement /evenements\" ne mesure que ces pages"

# Python ≥ 3.12, 3.13 preferred: on PATH, or under pyenv where it is not on PATH.
$(PY):
	@pyenv_root="$${PYENV_ROOT:-$$HOME/.pyenv}"; found=""; \
	for c in python3.13 $$(ls -d $$pyenv_root/versions/3.13*/bin/python3 2>/dev/null | sort -rV) \
	         python3.12 $$(ls -d $$pyenv_root/versions/3.12*/bin/python3 2>/dev/null | sort -rV) \
	         python3 $$(ls -d $$pyenv_root/versions/3.1[4-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  if command -v "$$c" >/dev/null 2>&1 && "$$c" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    found="$$c"; break; \
	  fi; \
	done; \
	if [ -z "$$found" ]; then \
	  echo "Erreur : aucun Python ≥ 3.12 avec venv trouvé (ni sur le PATH ni sous pyenv) : installez python3.13 ou python3.12 (paquet python3.x-venv)." >&2; \
	  exit 1; \
	fi; \
	echo "Création de $(VENV) avec $$("$$found" --version) ($$found)"; \
	"$$found" -m venv $(VENV)

$(STAMP): requirements.lock | $(PY)
	@echo "Installation des dépendances verrouillées (requirements.lock)…"
	@$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock 2> >(grep -v "^WARNING: Location" >&2)
	@mkdir -p var/static var/media
	@touch $(STAMP)

install: $(STAMP)

db: install
	@$(PY) -m tilab.devtools db-start

migrate: db
	@$(PY) manage.py verifier_migrations
	@$(PY) manage.py migrate --noinput --verbosity 0
	@$(PY) manage.py createcachetable --verbosity 0

run: migrate
	@$(PY) -m tilab.devtools port-free $(PORT)
	@$(PY) manage.py seed_demo --once
	@$(PY) manage.py reconstruire_lexique > /dev/null
	@$(PY) manage.py entretenir_engagements --programmer > /dev/null
	@$(PY) manage.py reconstruire_lexique --programmer > /dev/null
	@echo
	@echo "Le portail est servi sur http://127.0.0.1:$(PORT)/ (Ctrl-C pour arrêter ; make stop arrête la base)."
	@echo "Les courriels s'affichent ici ; le worker des tâches de fond tourne à côté."
	@export DEBUG=$${DEBUG:-true}; \
	$(PY) manage.py db_worker --no-startup-delay --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# One pytest process per core, each file's tests in one of them (its module fixtures built
# once); TEST_PROCESSUS=0 runs the suite in this process (a debugger, -s).
TEST_PROCESSUS ?= auto

test: db
	@$(PY) -m pytest $(if $(filter 0,$(TEST_PROCESSUS)),-p no:xdist,-n $(TEST_PROCESSUS) --dist loadfile --no-loadscope-reorder) $(PYTEST_ARGS)

reset: install
	@$(PY) -m tilab.devtools db-reset

backup: db
	@$(PY) manage.py sauvegarder $(if $(SAUVEGARDE),--dossier "$(SAUVEGARDE)")

restore: db
	@if [ -z "$(SAUVEGARDE)" ]; then \
	  echo "Erreur : dites quelle sauvegarde remettre : make restore SAUVEGARDE=var/sauvegardes/<date>" >&2; \
	  exit 1; \
	fi
	@$(PY) manage.py restaurer "$(SAUVEGARDE)"

stop:
	@if [ -x $(PY) ]; then $(PY) -m tilab.devtools db-stop; else echo "Aucune base locale à arrêter."; fi

serve: migrate
	@$(PY) -m tilab.devtools port-free $(PORT)
	@$(PY) manage.py collectstatic --noinput --verbosity 0
	@$(VENV)/bin/gunicorn tilab.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

worker: migrate
	@$(PY) manage.py entretenir_engagements --programmer
	@$(PY) manage.py reconstruire_lexique --programmer
	@$(PY) manage.py db_worker

lock: | $(PY)
	@$(PY) -m pip install --quiet pip-tools
	@$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra dev -o requirements.lock pyproject.toml
	@echo "requirements.lock régénéré."

# The bench: its own database (tilab_bench, or BENCH_DATABASE_URL), generated once, then the
# portal served by gunicorn as in production and every page driven by ApacheBench (ab, from
# Debian's apache2-utils, installed here when missing, as .ci/run does for chromium).
BENCH_ECHELLE ?= 1
BENCH_PORT ?= 8077

bench: db
	@if ! command -v ab >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installation d'ApacheBench (paquet Debian apache2-utils)…"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq apache2-utils >/dev/null; \
	  else \
	    echo "Erreur : ab (paquet Debian apache2-utils) est requis pour make bench." >&2; exit 1; \
	  fi; \
	fi
	@export BENCH=true DEBUG=false HTTPS=false ALLOWED_HOSTS=127.0.0.1 \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	if [ -n "$(BENCH_REGENERER)" ] && [ "$(BENCH_REGENERER)" != 0 ]; then si_vide=""; else si_vide="--si-vide"; fi; \
	$(PY) manage.py bench_generer --echelle $(BENCH_ECHELLE) $$si_vide && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py bench_mesurer --port $(BENCH_PORT) $(BENCH_ARGS)

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/mypy .
	@$(VENV)/bin/lint-imports --no-cache

# The portal's own words over Django's and allauth's (tilab/locale/fr/LC_MESSAGES/django.po).
# The compiled catalogue is committed: only whoever edits the .po needs gettext's msgfmt.
traductions:
	@command -v msgfmt >/dev/null || { echo "Erreur : msgfmt manque (paquet Debian gettext)." >&2; exit 1; }
	@msgfmt --check -o tilab/locale/fr/LC_MESSAGES/django.mo tilab/locale/fr/LC_MESSAGES/django.po
