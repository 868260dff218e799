#!/usr/bin/env bash
# Builds Xuncha and opens it on the default database. With --demo, loads the demo
# inspection first. (Until the desktop app lands this runs the command-line tool.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked -p xuncha --bin xuncha
bin=target/release/xuncha
if [ "${1:-}" = "--demo" ]; then
  "$bin" demo
fi
"$bin" inspection list
"$bin" list tasks
"$bin" stats
