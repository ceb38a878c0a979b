.PHONY: install lint typecheck test validate check flagship

install:
	python -m pip install -e '.[dev]'

lint:
	python -m ruff check compliance tests benchmarks

typecheck:
	python -m mypy

test:
	python -m pytest

validate:
	compliance rules validate compliance/catalogue/rules

flagship:
	compliance report cases/dprk-internet-transit-2017.yaml --force

check: lint typecheck test
