#!/usr/bin/env bash
# Runs every test: formatting, lints (core and desktop), unit tests, black-box CLI and
# export tests, the UI's unit tests and type check, the desktop app end to end, and the
# installers read back.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash ui/scripts/desktop.sh setup

export CARGO_TERM_COLOR=never
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p xuncha --features desktop,ts --all-targets --locked -- -D warnings
cargo test --workspace --locked
bash ui/scripts/desktop.sh test
bash ui/scripts/desktop.sh e2e
bash ui/scripts/desktop.sh package
