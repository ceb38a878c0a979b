.PHONY: install lint typecheck test validate check flagship lock schemas

install:
	python -m pip install -c constraints.txt -e '.[dev]'

lint:
	python -m ruff check compliance tests benchmarks

typecheck:
	python -m mypy

test:
	python -m pytest

validate:
	compliance rules validate compliance/catalogue/rules

lock:
	python scripts/refresh_lock.py

flagship:
	compliance report cases/dprk-internet-transit-2017.yaml --force

check: lint typecheck test

schemas:
	compliance schema rules -o docs/schema/rule.schema.json
	compliance schema tests -o docs/schema/rule-test.schema.json
	compliance schema case -o docs/schema/case.schema.json
