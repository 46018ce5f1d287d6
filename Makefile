# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= communique.db

.PHONY: run test test-fast lint bench score clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
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

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

# Everything but the slow end-to-end tests (a few minutes less; CI runs `make test`).
test-fast: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/ingest.py --n 1000

score: $(STAMP)
	$(BIN)/python ../shared/tools/score.py --corpus ../shared/seeds --gold ../shared/gold/seeds.json --cmd $(BIN)/communique
	$(BIN)/python ../shared/tools/score.py --corpus ../shared/dev --gold ../shared/gold/dev.json --cmd $(BIN)/communique

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
