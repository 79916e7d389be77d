# nerbench: the commands a developer (and CI) runs. See README.md.
CARGO ?= cargo

.PHONY: eval test lint fmt validate bench bench-quick

## eval: the main job: validate the gold set, then compare every registered
## extractor (the combination included) on it, strict and partial
eval: validate
	$(CARGO) run --quiet --release -- compare --gold gold --extractors all --scheme strict,partial

validate:
	$(CARGO) run --quiet --release -- validate gold/

## test: every test of the workspace (unit, integration, snapshots, doctests)
test:
	INSTA_UPDATE=no $(CARGO) test --workspace --all-targets --quiet
	INSTA_UPDATE=no $(CARGO) test --workspace --doc --quiet

## lint: formatting and clippy, warnings are errors
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings

## fmt: format the workspace in place
fmt:
	$(CARGO) fmt --all
