#!/usr/bin/env bash
# Installs a pinned Python tool from PyPI into its own virtualenv in the toolchain cache, once, and
# prints the path of the file asked for inside it.
#   scripts/install-pip-tool.sh <name> <version> <pip requirement> <path in the virtualenv>
#   e.g. scripts/install-pip-tool.sh checkov 3.3.30 checkov==3.3.30 bin/checkov
set -euo pipefail
NAME=$1 VERSION=$2 REQUIREMENT=$3 FILE=$4
CACHE="${CDKTF_KONG_HA_CACHE:-$HOME/.cache/cdktf-kong-ha}"
VENV="$CACHE/$NAME-$VERSION"
# .complete is written last, so an interrupted install is redone rather than trusted.
if [ ! -f "$VENV/.complete" ]; then
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "$REQUIREMENT" >&2
  touch "$VENV/.complete"
fi
echo "$VENV/$FILE"
