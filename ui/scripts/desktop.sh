#!/usr/bin/env bash
# The desktop app's build and test steps, for .ci/run and the README.
#   desktop.sh setup   install the system libraries, tauri-driver and the UI's npm packages
#   desktop.sh build   build the UI, then the app with the UI inside (target/debug/xuncha-desktop)
#   desktop.sh test    UI unit tests (vitest), the UI type check, the command layer's tests
#                      and the TypeScript bindings check
#   desktop.sh e2e     the real app end to end under Xvfb (screenshots in target/e2e-screenshots)
#   desktop.sh bench   start-up, board filtering and memory with 10,000 tasks
#   desktop.sh package the deb and rpm installers, checked (--release for the shipped ones)
#   desktop.sh run     build and start the app (demo data one click away on first start)
set -euo pipefail
cd "$(dirname "$0")/../.."

APT=(libwebkit2gtk-4.1-dev build-essential pkg-config xvfb xauth webkit2gtk-driver fonts-noto-cjk imagemagick poppler-utils strace rpm)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

setup() {
  local missing=()
  for p in "${APT[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked
  # `npm ci` fails here: the lockfile names other platforms' @tauri-apps/cli binaries.
  [ -d ui/node_modules ] || (cd ui && npm install --no-audit --no-fund)
}

build() {
  (cd ui && npm run build)
  cargo build -p xuncha --features custom-protocol --bin xuncha-desktop
}

case "${1:-}" in
  setup) setup ;;
  build) setup; build ;;
  test)
    setup
    (cd ui && npx vitest run && npx vue-tsc --noEmit)
    cargo test -p xuncha --features ts --lib commands::
    ;;
  e2e)
    setup; build
    xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p xuncha-tests --test it e2e -- --ignored
    ;;
  package)
    setup
    if [ "${2:-}" = --release ]; then
      (cd ui && npm run build)
      ui/node_modules/.bin/tauri build --bundles deb,rpm --features custom-protocol
      dir=target/release/bundle
    else
      build
      # Bundles the debug binary just built (the same bundler as for a release).
      ui/node_modules/.bin/tauri bundle --debug --bundles deb,rpm
      dir=target/debug/bundle
    fi
    XUNCHA_BUNDLE_DIR="$PWD/$dir" cargo test -p xuncha-tests --test it package -- --ignored
    ;;
  bench)
    setup; build
    # The blank window whose memory the bench prints as the floor.
    cargo build -p xuncha --features custom-protocol --example blank_window
    xvfb-run -a -s "-screen 0 1280x800x24" cargo bench --profile dev -p xuncha-tests --bench desktop
    ;;
  run)
    setup; build
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec xvfb-run -a -s "-screen 0 1280x800x24" target/debug/xuncha-desktop "${@:2}"
    fi
    exec target/debug/xuncha-desktop "${@:2}"
    ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
