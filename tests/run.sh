#!/usr/bin/env bash
# Every test, on a fresh machine of this project's kind (Debian 12, Python 3.11, Node, Java):
# installs what is missing (Python packages, Debian's chromium, the Nu Html Checker), lints,
# type-checks, then runs pytest. Any failure fails the run; a missing browser is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ -f tests/browser/install_tools.sh ]; then
  bash tests/browser/install_tools.sh
fi

python3 -m ruff check generator tests benchmarks
python3 -m mypy
# pytest exits 5 when it collects no tests: that fails this script too.
python3 -m pytest "$@"
