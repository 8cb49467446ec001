# Parcours — les commandes du projet. Chaque cible installe elle-même ce qu'il faut.
#   make serve   construire puis prévisualiser sur http://127.0.0.1:8000
#   make site    construire site/ pour la publication
#   make check   valider seulement les fichiers de data/
#   make test    tous les tests (navigateur compris)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installe
CHROMIUM := /usr/bin/chromium
NODE_STAMP := node_modules/.installe

TAILLES ?= 100 1000 5000

.PHONY: all site serve check test lint schema lock chromium java clean bench moteurs

all: site

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

check: $(STAMP)
	$(BIN)/parcours check

site: $(STAMP)
	$(BIN)/parcours build

serve: $(STAMP)
	$(BIN)/parcours serve

schema: $(STAMP)
	$(BIN)/python -m macros.export.schema

lint: $(STAMP)
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

test: $(STAMP) chromium java $(NODE_STAMP) lint
	$(BIN)/python -m pytest -n 2

bench: $(STAMP) chromium $(NODE_STAMP)
	$(BIN)/python bench/run.py --tailles $(TAILLES)
	$(BIN)/python bench/lighthouse.py

# Le même site construit par MkDocs et par Zensical : le texte de chaque page comparé
# (bench/results/moteurs.md). Non bloquant en CI tant que Zensical est en 0.x.
moteurs: $(STAMP)
	$(BIN)/python bench/moteurs.py

lock: $(STAMP)
	(echo '# Versions exactes installées par « make » (pip freeze). Régénérer : make lock'; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^parcours') > requirements.lock

clean:
	rm -rf site .site-build-* .site-old-*
