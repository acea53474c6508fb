#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One town, one file (issue 24): scenarios/default.json's towns that have a town file
# (scripts/compose-default.py: TOWN_FILES) equal that file's town, so the default scenario is
# up to date with them. Fails after a town file's edit until the script is run.
set -eu
SRC="$2"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }
python3 "$SRC/scripts/compose-default.py" --check
