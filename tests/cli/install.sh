#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `cmake --install` into a temporary prefix P gives a working installation that reads nothing
# from the build or source tree: P/bin/prostup (--version, validate, run, report on the
# installed scenarios), the man pages, bash and zsh completion (bash: completing a command
# and an option), P/share/prostup/{scenarios,examples}, the CMake package
# (find_package(prostup) in a consumer project, configure only) and the Python package in
# P's own site-packages (import prostup from there, without MPI libraries); and `cpack -G DEB`
# gives a .deb that extracts (dpkg-deb -x) to a prostup whose --version runs.
# Args: $1 = prostup binary (in the build directory), $2 = source directory.
set -u
PROSTUP=$1
src=$2
build=$(cd "$(dirname "$PROSTUP")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
P=$TMP/prefix
cmake --install "$build" --prefix "$P" >"$TMP/install.log" 2>&1 ||
  { cat "$TMP/install.log"; fail "cmake --install exited non-zero"; }
cd "$TMP" || exit 1

# the command, from the prefix, on the installed scenarios
v=$(sed -n 's/^project(prostup VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
out=$("$P/bin/prostup" --version) || fail "installed prostup --version exited $?"
case "$out" in "prostup $v"*) ;; *) fail "installed --version: '$out'" ;; esac
share=$P/share/prostup
[ -f "$share/scenarios/default.json" ] && [ -f "$share/scenarios/jirkov.json" ] ||
  fail "no scenarios in $share/scenarios"
[ -f "$share/examples/calibration/jirkov-calibration.json" ] || fail "no examples in $share/examples"
"$P/bin/prostup" validate -q "$share"/scenarios/*.json || fail "validate of the installed scenarios"
"$P/bin/prostup" run "$share/scenarios/jirkov.json" -o "$TMP/out" --replications 4 --quiet \
  --no-catalog || fail "run of the installed jirkov.json"
[ -f "$TMP/out/report.html" ] || fail "run wrote no report.html"
rm -f "$TMP/out/report.html"
"$P/bin/prostup" report "$TMP/out" >/dev/null || fail "report of the run"
[ -f "$TMP/out/report.html" ] || fail "report wrote no report.html"

# With MPI: prostup links no MPI library and prostup-mpi, which a launched prostup execs from
# its own folder (docs/distributed.md), is installed beside it.
if [ -x "$build/prostup-mpi" ]; then
  [ -x "$P/bin/prostup-mpi" ] || fail "prostup-mpi is not installed beside prostup"
  ldd "$P/bin/prostup-mpi" | grep -q libmpi || fail "the installed prostup-mpi links no MPI"
  ! ldd "$P/bin/prostup" | grep -q libmpi || fail "the installed prostup links MPI"
fi

# man pages (help2man): the command and each subcommand
for page in prostup prostup-run prostup-sweep prostup-runs; do
  f=$P/share/man/man1/$page.1
  [ -f "$f" ] || fail "no man page $f"
  grep -q '^\.TH' "$f" || fail "$f is not a man page"
done
grep -q 'replications' "$P/share/man/man1/prostup-run.1" || fail "prostup-run.1 lacks --replications"

# completion: bash completes a command and an option of it; zsh's file is there
bc=$P/share/bash-completion/completions/prostup
[ -f "$bc" ] || fail "no bash completion at $bc"
[ -f "$P/share/zsh/site-functions/_prostup" ] || fail "no zsh completion in share/zsh/site-functions"
if command -v bash >/dev/null 2>&1; then
  got=$(PATH="$P/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(prostup ru); COMP_CWORD=1; _prostup;
        echo "${COMPREPLY[*]}"; COMP_WORDS=(prostup run --repl); COMP_CWORD=2; _prostup;
        echo "${COMPREPLY[*]}"' _ "$bc")
  echo "$got" | head -n 1 | grep -qw run || fail "bash completion of 'prostup ru': $got"
  echo "$got" | head -n 1 | grep -qw runs || fail "bash completion of 'prostup ru': $got"
  echo "$got" | tail -n 1 | grep -q -- '--replications' || fail "bash completion of 'run --repl': $got"
fi

# the CMake package: headers, config, and find_package(prostup) in a consumer (configure only)
[ -f "$P/include/prostup/engine.hpp" ] || fail "no public headers in $P/include/prostup"
[ -f "$P/lib/cmake/prostup/prostupConfig.cmake" ] || [ -n "$(ls "$P"/lib*/cmake/prostup/prostupConfig.cmake 2>/dev/null)" ] ||
  fail "no prostupConfig.cmake"
# every target the package's link interfaces name is one of its own (prostup::...) or a
# dependency's: a bare prostup_* would be looked for as -lprostup_* when a consumer links
targets=$(ls "$P"/lib*/cmake/prostup/prostupTargets.cmake | head -n 1)
if grep 'INTERFACE_LINK_LIBRARIES' "$targets" | grep -Eq '[";,>]prostup_[a-z_]+'; then
  fail "$targets names a prostup target without prostup::: $(grep INTERFACE_LINK_LIBRARIES "$targets")"
fi
mkdir -p "$TMP/consumer"
cat >"$TMP/consumer/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer LANGUAGES CXX)
find_package(prostup 0.1 REQUIRED)
foreach(t prostup::prostup_lib prostup::prostup_core prostup::prostup_app)
  if(NOT TARGET ${t})
    message(FATAL_ERROR "find_package(prostup) defined no ${t}")
  endif()
endforeach()
message(STATUS "prostup ${prostup_VERSION} found")
CM
cmake -S "$TMP/consumer" -B "$TMP/consumer/build" -DCMAKE_PREFIX_PATH="$P" >"$TMP/consumer.log" 2>&1 ||
  { cat "$TMP/consumer.log"; fail "find_package(prostup) from the prefix failed"; }

# the Python package in P's own site-packages (skipped where the module is not built)
if grep -q '^PROSTUP_PYTHON:BOOL=ON' "$build/CMakeCache.txt"; then
  py=$(sed -n 's/^_\{0,1\}Python_EXECUTABLE:[A-Z]*=//p' "$build/CMakeCache.txt" | head -n 1)
  [ -n "$py" ] || fail "no Python_EXECUTABLE in $build/CMakeCache.txt"
  site=$(ls -d "$P"/lib/python3*/site-packages 2>/dev/null | head -n 1)
  [ -n "$site" ] && [ -f "$site/prostup/__init__.py" ] || fail "no prostup package in $P/lib/python3.X/site-packages"
  got=$(PYTHONPATH=$site "$py" -c 'import prostup, sys; print(prostup.__version__); print(prostup.__file__)') ||
    fail "import prostup from $site"
  echo "$got" | head -n 1 | grep -qx "$v" || fail "prostup.__version__ is not $v: $got"
  case "$(echo "$got" | tail -n 1)" in "$site"/*) ;; *) fail "imported from elsewhere: $got" ;; esac
  so=$(ls "$site"/prostup/_core*.so)
  if command -v ldd >/dev/null 2>&1 && ldd "$so" | grep -qi 'libmpi'; then
    fail "the Python extension links MPI: $(ldd "$so" | grep -i mpi)"
  fi
else
  echo "note: the Python module is not built here (PROSTUP_PYTHON off): its install is not checked"
fi

# The Debian package (issue 28): `cpack -G DEB` packs the same install; the .deb extracts
# (dpkg-deb -x) and its prostup --version runs from the extracted tree.
if command -v cpack >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 &&
  [ -f "$build/CPackConfig.cmake" ]; then
  cpack -G DEB --config "$build/CPackConfig.cmake" -B "$TMP/deb" >"$TMP/cpack.log" 2>&1 ||
    { cat "$TMP/cpack.log"; fail "cpack -G DEB exited non-zero"; }
  deb=$(ls "$TMP"/deb/*.deb 2>/dev/null | head -n 1)
  [ -n "$deb" ] || fail "cpack -G DEB wrote no .deb: $(cat "$TMP/cpack.log")"
  dpkg-deb -x "$deb" "$TMP/debroot" || fail "dpkg-deb -x $deb"
  out=$("$TMP/debroot/usr/bin/prostup" --version) || fail "the .deb's prostup --version exited $?"
  case "$out" in "prostup $v"*) ;; *) fail "the .deb's --version: '$out'" ;; esac
  [ -f "$TMP/debroot/usr/share/prostup/scenarios/default.json" ] || fail "the .deb has no scenarios"
  if [ -x "$build/prostup-mpi" ]; then
    [ -x "$TMP/debroot/usr/bin/prostup-mpi" ] || fail "the .deb has no prostup-mpi"
  fi
else
  echo "note: cpack or dpkg-deb missing here: the Debian package is not checked"
fi
echo "PASS: installed into a temporary prefix and used from there"
