#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every option and positional argument of every subcommand has a help text that states its
# default (or that it is required) and gives an example ("e.g."). Args: $1 = prostup binary.
set -u
prostup=$1
failures=0
for cmd in validate describe run sweep plan report cohort calibrate; do
  "$prostup" "$cmd" --help >/tmp/help.$$ 2>&1 || { echo "FAIL: $cmd --help exited $?"; failures=$((failures + 1)); continue; }
  # An entry starts with two spaces and a name; a long name's text continues on the next line.
  awk -v cmd="$cmd" '
    /^(Positionals|Options):/ { inside = 1; next }
    inside && /^  [^ ]/ { if (entry != "") check(entry); entry = $0; next }
    inside && /^     / { entry = entry " " $0; next }
    END { if (entry != "") check(entry); exit bad }
    function check(e) {
      if (e ~ /--help/) return
      if (e !~ /(default|required)/ || e !~ /e\.g\./) {
        print "FAIL: " cmd ": no default or example in: " e; bad = 1
      }
      n++
    }' /tmp/help.$$ || failures=$((failures + 1))
done
rm -f /tmp/help.$$
[ "$failures" -eq 0 ] || exit 1
echo "OK: every option of every subcommand states its default and an example"
