#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One command from a fresh Debian 12 machine to a finished run of the default scenario:
# installs missing packages, builds Release into build/, runs `prostup run`.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target prostup
# The Python module (build/python) when pybind11 was found (docs/python.md).
if grep -q '^PROSTUP_PYTHON:BOOL=ON' build/CMakeCache.txt; then
  cmake --build build -j"$(nproc)" --target prostup_python
fi
exec build/prostup run "$@"
