#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test Xuncha. Idempotent:
# it only installs what is missing. Used by run.sh, test.sh and CI.
set -euo pipefail

# System packages: OpenSSL's libcrypto headers for SQLCipher (database encryption), PDF
# read-back (poppler), CJK fonts, and LibreOffice to render the Excel ledger and the Word
# documents in tests (Carlito keeps the ledger's column widths as in Excel; without the
# Writer package, `soffice --convert-to pdf x.docx` loads nothing and still exits 0).
APT_PACKAGES=(libssl-dev poppler-utils fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito)

sudo_if_needed() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "需要 root 权限安装系统软件包：$*" >&2; exit 1; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "需要 Rust 工具链（cargo）：请先安装 rustup" >&2; exit 1; }
