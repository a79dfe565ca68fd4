#!/usr/bin/env bash
# Installs checkov (pinned) from PyPI into a virtualenv in the toolchain cache, once; prints its path.
#   scripts/install-checkov.sh   ->   ~/.cache/cdktf-kong-ha/checkov-3.3.30/bin/checkov
exec bash "$(dirname "$0")/install-pip-tool.sh" checkov 3.3.30 "checkov==3.3.30" bin/checkov
