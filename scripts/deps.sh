#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages prostup needs, only those missing (idempotent).
# Usage: scripts/deps.sh [build|test]
set -eu
want="cmake g++ make help2man libboost-graph-dev libeigen3-dev libtbb-dev nlohmann-json3-dev catch2 libcli11-dev librandom123-dev libopenmpi-dev openmpi-bin libsqlite3-dev"
# The Python module (docs/python.md) and what a notebook with it uses.
want="$want python3-dev pybind11-dev python3-pybind11 python3-pandas python3-matplotlib"
# `pip install .` offline (docs/python.md): setuptools, wheel, pip and venv from Debian.
want="$want python3-setuptools python3-wheel python3-pip python3-venv"
if [ "${1:-build}" = test ]; then
  want="$want python3 python3-jsonschema python3-nbclient python3-nbformat python3-ipykernel chromium clang libclang-rt-14-dev clang-format"
  # The locale tests (tests/cli/locale_numbers.sh, tests/python/test_locale.py) need cs_CZ.UTF-8.
  want="$want locales"
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# cs_CZ.UTF-8 for the locale tests, made once the locales package is there.
make_locale() {
  [ "${1:-build}" = test ] || return 0
  locale -a 2>/dev/null | grep -qi '^cs_CZ\.utf-\?8$' && return 0
  echo "prostup: making the cs_CZ.UTF-8 locale" >&2
  $SUDO localedef -i cs_CZ -f UTF-8 cs_CZ.UTF-8
}
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  make_locale "${1:-build}"
  exit 0
fi
echo "prostup: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
make_locale "${1:-build}"
