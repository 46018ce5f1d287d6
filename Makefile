# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= communique.db

# Debian packages: Chromium for the browser tests, Noto CJK so Chinese renders in pages and PDF
# reports, Pango for WeasyPrint, poppler-utils (pdftoppm) for the report test.
SYSTEM_PACKAGES := chromium fonts-noto-cjk fonts-dejavu-core poppler-utils libpango-1.0-0 libpangoft2-1.0-0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8000

.PHONY: run test test-fast lint bench score clean system lock audit

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

# Installs the Debian packages that are missing (nothing when all are there).
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing with apt-get:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The versions every install takes (pip freeze of a fresh `make`); audited by `make audit`.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^communique' > requirements.lock

audit: $(STAMP)
	$(BIN)/python security/audit.py

run: $(STAMP) system
	$(BIN)/communique ingest samples --db sqlite:///$(DB) || test $$? -eq 3  # 3: some files rejected
	$(BIN)/communique stats --db sqlite:///$(DB)
	@echo
	@echo 'Most mentioned people (communique entities --type person):'
	@$(BIN)/communique entities --type person --limit 6 --db sqlite:///$(DB)
	@echo
	@echo 'Search example (communique search "hop tac"):'
	@$(BIN)/communique search "hop tac" --limit 5 --db sqlite:///$(DB)
	@echo
	@echo "Vietnam's partnerships (communique partnerships --country VN):"
	@$(BIN)/communique partnerships --country VN --db sqlite:///$(DB)
	@echo
	@echo "What the Vietnam–New Zealand statement commits to, and its status (communique scorecard NZ-VN):"
	@$(BIN)/communique scorecard NZ-VN --db sqlite:///$(DB)
	@echo
	@echo "To sign in and write (confirm evidence, assess, upload): $(BIN)/communique token create YOUR-NAME --db sqlite:///$(DB)"
	$(BIN)/communique serve --db sqlite:///$(DB) --port $(PORT)

test: $(STAMP) system
	$(BIN)/ruff check src tests bench security
	$(BIN)/python security/audit.py
	$(BIN)/python -m pytest -n 2 --durations=25  # two workers: the 100,000-line ingest test runs beside the rest

# Everything but the slow end-to-end tests (a few minutes less; CI runs `make test`).
test-fast: $(STAMP)
	$(BIN)/ruff check src tests bench security
	$(BIN)/python -m pytest -n 2 -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/ingest.py --n 1000

score: $(STAMP)
	$(BIN)/python ../shared/tools/score.py --corpus ../shared/seeds --gold ../shared/gold/seeds.json --cmd $(BIN)/communique
	$(BIN)/python ../shared/tools/score.py --corpus ../shared/dev --gold ../shared/gold/dev.json --cmd $(BIN)/communique

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
