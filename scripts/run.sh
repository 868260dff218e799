#!/usr/bin/env bash
# Builds Xuncha and opens the desktop app on the default database. The first start offers
# 新建巡察 and 载入示例数据; `--demo` loads the demo inspection before the window opens.
# Other arguments go to the app (e.g. --db FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--demo" ]; then
  shift
  cargo build --locked -p xuncha --bin xuncha
  target/debug/xuncha "$@" demo
fi
exec bash ui/scripts/desktop.sh run "$@"
