#!/usr/bin/env bash
# Install what the test suite needs (the package, pytest, Playwright's Python API,
# the Oxigraph server and Debian's Chromium) and run every test.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh -k fit
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "The browser tests need Debian's Chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
exec python3 -m pytest "$@"
