#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The outputs docs/planning.md quotes still match real runs: scripts/docs-figures.sh --check
# --quick reruns the quoted commands marked "quick" (about a second) and fails on any
# difference. The long ones (a 20-point sweep) are checked by running the script without
# --quick before a release. Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
# A check of the docs, not of memory safety: the Release suite runs it.
if [ -n "${PROSTUP_SANITIZE:-}" ]; then
  echo "skip: a check of the docs, run in the Release suite, not under sanitizers"
  exit 77
fi
sh "$src/scripts/docs-figures.sh" --check --quick "$prostup"
