#!/usr/bin/env bash
# Renders the command-line tool's HTML reports to PNG with headless Chromium (Debian package
# `chromium`, installed when absent) and fails when a page does not render or its screenshot is
# blank (one colour) or too small. Screenshots are left in target/ci-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium > /dev/null; then
  # a fresh machine may have no package lists yet
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi
out="${CARGO_TARGET_DIR:-target}/ci-screenshots"
mkdir -p "$out"
cargo build --quiet -p critical-minerals-cli
bin="${CARGO_TARGET_DIR:-target}/debug/critical-minerals"
# lithium and cobalt (USGS MCS with stage shares and claims) and manganese (World Mining Data only)
for commodity in lithium cobalt manganese; do
  html="$out/$commodity.html"
  png="$out/$commodity.png"
  "$bin" report "$commodity" --format html > "$html"
  rm -f "$png"
  profile=$(mktemp -d)
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --hide-scrollbars --window-size=1200,2400 --screenshot="$png" "file://$(realpath "$html")" \
    > "$out/$commodity.chromium.log" 2>&1 || true
  rm -rf "$profile"
  python3 .ci/check-png.py "$png"
done
