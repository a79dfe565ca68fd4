#!/usr/bin/env bash
# Installs moto (pinned, with its server) from PyPI into a virtualenv in the toolchain cache, once;
# prints the virtualenv's python. The rehearsal suite runs test/support/moto/server.py with it.
#   scripts/install-moto.sh   ->   ~/.cache/cdktf-kong-ha/moto-5.2.5/bin/python
set -euo pipefail
VERSION=5.2.5
CACHE="${CDKTF_KONG_HA_CACHE:-$HOME/.cache/cdktf-kong-ha}"
VENV="$CACHE/moto-$VERSION"
# .complete is written last, so an interrupted install is redone rather than trusted.
if [ ! -f "$VENV/.complete" ]; then
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$VERSION" >&2
  touch "$VENV/.complete"
fi
echo "$VENV/bin/python"
