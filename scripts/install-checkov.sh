#!/usr/bin/env bash
# Installs checkov (pinned) from PyPI into a virtualenv in the toolchain cache, once; prints its path.
#   scripts/install-checkov.sh   ->   ~/.cache/cdktf-kong-ha/checkov-3.3.30/bin/checkov
set -euo pipefail
VERSION=3.3.30
CACHE="${CDKTF_KONG_HA_CACHE:-$HOME/.cache/cdktf-kong-ha}"
VENV="$CACHE/checkov-$VERSION"
# .complete is written last, so an interrupted install is redone rather than trusted.
if [ ! -f "$VENV/.complete" ]; then
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "checkov==$VERSION" >&2
  touch "$VENV/.complete"
fi
echo "$VENV/bin/checkov"
