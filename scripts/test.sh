#!/usr/bin/env bash
# Install what the test suite needs (the package, pytest, Playwright's Python API,
# the Oxigraph server and Debian's Chromium) and run every test.
# Outside a virtual environment it makes and uses .venv/ (Debian's Python refuses
# system-wide pip installs, PEP 668). Tests run on one worker per core (pytest-xdist;
# AWSKG_TEST_WORKERS=0 runs them in this process). Extra arguments go to pytest:
#   bash scripts/test.sh -k fit
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipafont-gothic) >/dev/null
  else
    echo "The browser tests need Debian's Chromium: sudo apt-get install -y chromium fonts-ipafont-gothic" >&2
    exit 1
  fi
fi
exec python -m pytest -n "${AWSKG_TEST_WORKERS:-auto}" "$@"
