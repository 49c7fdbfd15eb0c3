#!/usr/bin/env bash
# Install everything the tests need (Python extras, Debian chromium), then lint, type-check
# and run the whole test suite. Usage: bash scripts/test.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e ".[test]"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium for the browser tests" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

python -m ruff check src tests bench scripts
python -m ruff format --check src tests bench scripts
python -m mypy src/armsrace
python -m pytest -q --timeout=900 "$@"
