#!/usr/bin/env bash
# Installs the AWS CLI v1 (pinned) from PyPI into a virtualenv in the toolchain cache, once; prints its
# path. The rehearsal runs the failover runbook's own `aws` commands with it, against moto.
#   scripts/install-awscli.sh   ->   ~/.cache/cdktf-kong-ha/awscli-1.45.11/bin/aws
exec bash "$(dirname "$0")/install-pip-tool.sh" awscli 1.45.11 "awscli==1.45.11" bin/aws
