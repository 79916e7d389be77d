# nerbench: the commands a developer (and CI) runs. See README.md.
CARGO ?= cargo

.PHONY: eval test lint fmt validate bench bench-quick bench-gate bench-gate-update bench-peers

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

# The criterion benches (benches/README.md); release builds, results in target/criterion.
BENCHES = --bench extractors --bench scorer --bench scaling

## bench: every benchmark at full length, each bench ending with a summary table
bench:
	$(CARGO) bench $(BENCHES)

## bench-quick: the same, shorter (1 s warm-up, 2 s measurement per benchmark)
bench-quick:
	$(CARGO) bench $(BENCHES) -- --warm-up-time 1 --measurement-time 2

## bench-gate: fail when an instruction count (callgrind) grows > 5% over benches/instructions.json
bench-gate:
	$(CARGO) run --quiet --release --example instructions -- gate

## bench-gate-update: measure the instruction counts again and rewrite the baseline
bench-gate-update:
	$(CARGO) run --quiet --release --example instructions -- update

## bench-peers: nerbench beside flashtext, flashtext2, spaCy and dateparser (own venv)
bench-peers:
	python3 scripts/peers/run.py --out benches/peers.md
