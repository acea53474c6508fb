#!/bin/sh
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
fi
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "prostup: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
