#!/usr/bin/env bash
# Installs moto (pinned, with its server) from PyPI into a virtualenv in the toolchain cache, once;
# prints the virtualenv's python. The rehearsal suite runs test/support/moto/server.py with it.
#   scripts/install-moto.sh   ->   ~/.cache/cdktf-kong-ha/moto-5.2.5/bin/python
exec bash "$(dirname "$0")/install-pip-tool.sh" moto 5.2.5 "moto[server]==5.2.5" bin/python
