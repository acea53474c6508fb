#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Values a valid-looking file may hold that once hung, overflowed or injected (issue 30):
# 1. distributions that cannot be drawn in bounded time or give non-finite values are refused
#    by `validate` with their JSON pointer, in moments (a beta with alpha = beta = 1e300 made
#    Boost's ibeta_inv never end; a beta with sd 1e-300 overflowed; a lognormal rate with
#    mean 1e-300 ended a calibration with -nan);
# 2. fit.csv neutralises a target's `source` that a spreadsheet would read as a formula;
# 3. `calibrate --max-seconds nan` is refused;
# 4. `schema --update` does not follow a symbolic link;
# 5. labels with escape codes reach a terminal escaped in `run`'s answer;
# 6. a town called `all` does not overwrite the all-towns charts;
# 7. `validate` of a file too large for its memory limit ends in words (exit 1), not 134;
# 8. `report` names a results.json that is a directory as such;
# 9. a dangling symbolic link as `-o` is refused before anything is simulated;
# 10. `plan --vary P=0:9223372036854775807` and `sweep --set` with such an end are refused in
#     words (exit 2), not with the overflowed -9223372036854775808.
# Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
EX="$SRC/examples/calibration/jirkov-calibration.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# $1 = name, $2 = JSON pointer, $3 = Python expression editing the document `d`.
refused() {
  python3 - "$S" "$TMP/d.json" "$3" <<'EOF' || fail "cannot write the $1 scenario"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["format_version"] = 2
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
  timeout 10 "$PROSTUP" validate "$TMP/d.json" >"$TMP/v.out" 2>&1
  rc=$?
  [ $rc -eq 2 ] || fail "$1: validate exit $rc, expected 2 (124: it hung): $(cat "$TMP/v.out")"
  grep -q "d.json: $2: " "$TMP/v.out" || fail "$1: no problem at $2: $(cat "$TMP/v.out")"
  echo "ok: $1 refused: $(grep "$2" "$TMP/v.out" | head -n 1)"
}
J='d["profiles"]["single"]'
refused "a beta with alpha = beta = 1e300" /profiles/single/job_gain \
  "$J[\"job_gain\"] = {\"dist\": \"beta\", \"alpha\": 1e300, \"beta\": 1e300}"
refused "a beta with sd 1e-300" /profiles/single/job_gain \
  "$J[\"job_gain\"] = {\"dist\": \"beta\", \"mean\": 0.3, \"sd\": 1e-300}"
refused "a lognormal rate with mean 1e-300" /towns/most/arrivals/rate \
  'd["towns"]["most"]["arrivals"] = {"rate": {"dist": "lognormal", "mean": 1e-300, "sd": 1e-300}}'
refused "a gamma with sd 1e-13 x its mean" /stages/shelter/cost_per_month \
  'd["stages"]["shelter"]["cost_per_month"] = {"dist": "gamma", "mean": 9000, "sd": 9e-10}'

# 2. Formula prefixes in fit.csv's source column.
python3 - "$EX" "$TMP/cal.json" <<'EOF' || fail "cannot write the calibration scenario"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sources = ['=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1+1", "-2+3", "\tx"]
k = 0
for town in d["towns"].values():
    for target in town.get("observed", []):
        target["source"] = sources[k % len(sources)]
        k += 1
assert k >= 3, k
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
"$PROSTUP" calibrate "$TMP/cal.json" -o "$TMP/cal" --particles 10 --max-simulations 20 \
  --quiet >/dev/null 2>"$TMP/cal.err"
[ -f "$TMP/cal/fit.csv" ] || fail "calibrate wrote no fit.csv: $(cat "$TMP/cal.err")"
python3 - "$TMP/cal/fit.csv" <<'EOF' || fail "fit.csv: a source a spreadsheet reads as a formula"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
sources = [r["source"] for r in rows]
print("sources:", sources)
assert len(sources) >= 3 and all(s.startswith("'") for s in sources), sources
assert all(r["observed"][:1] not in ("'", "") for r in rows), "a number got a prefix"
EOF
echo "ok: fit.csv sources neutralised"

# 3. --max-seconds nan.
"$PROSTUP" calibrate "$EX" -o "$TMP/nan" --max-seconds nan --quiet >/dev/null 2>"$TMP/e"
rc=$?
[ $rc -eq 2 ] || fail "--max-seconds nan: exit $rc, expected 2: $(cat "$TMP/e")"
grep -q -- "--max-seconds" "$TMP/e" || fail "--max-seconds nan: message $(cat "$TMP/e")"
[ ! -e "$TMP/nan" ] || fail "--max-seconds nan wrote output"
echo "ok: --max-seconds nan refused: $(cat "$TMP/e")"

# 4. schema --update: a symbolic link is not followed (its target stays as it was).
mkdir -p "$TMP/tree/docs" "$TMP/tree/scenarios" "$TMP/tree/fuzz"
cp "$SRC/docs/model.md" "$SRC/docs/options.md" "$TMP/tree/docs/"
cp "$SRC/docs/scenario-format.md" "$TMP/outside.md"
ln -s "$TMP/outside.md" "$TMP/tree/docs/scenario-format.md"
cp "$TMP/outside.md" "$TMP/outside.before"
printf 'stale\n' >>"$TMP/outside.md"
cp "$TMP/outside.md" "$TMP/outside.before"
"$PROSTUP" schema --update "$TMP/tree" >/dev/null 2>"$TMP/e"
rc=$?
[ $rc -eq 1 ] || fail "schema --update through a symlink: exit $rc: $(cat "$TMP/e")"
cmp -s "$TMP/outside.md" "$TMP/outside.before" || fail "schema --update wrote through a symlink"
grep -q "symbolic link" "$TMP/e" || fail "schema --update: message $(cat "$TMP/e")"
echo "ok: schema --update does not follow a symbolic link"

# 5. An escape code in a town's label reaches a terminal escaped (script(1) gives a pty).
if command -v script >/dev/null 2>&1; then
  python3 - "$S" "$TMP/esc.json" <<'EOF' || fail "cannot write the escape scenario"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["towns"]["jirkov"]["label"] = "Jirkov\u001b[2J\u001b]0;owned\u0007"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
  script -qec "\"$PROSTUP\" run \"$TMP/esc.json\" -o \"$TMP/esc\" --replications 2 --months 3 --no-report --no-catalog" \
    /dev/null >"$TMP/tty.out" 2>&1 || fail "run under a pty: $(cat "$TMP/tty.out")"
  grep -q 'Jirkov\\x1b\[2J' "$TMP/tty.out" || fail "the label is not escaped: $(cat -v "$TMP/tty.out")"
  ! grep -q "$(printf '\033')\[2J" "$TMP/tty.out" || fail "a raw escape code reached the terminal"
  echo "ok: run's answer escapes a label's escape codes on a terminal"
else
  echo "not tested: escape codes on a terminal (no script(1))"
fi

# 6. A town called "all" keeps its own charts and the all-towns ones.
python3 - "$S" "$TMP/all.json" <<'EOF' || fail "cannot write the town-all scenario"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["towns"]["all"] = d["towns"].pop("most")
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
"$PROSTUP" run "$TMP/all.json" -o "$TMP/all" --replications 2 --months 3 --quiet --no-catalog \
  2>"$TMP/e" || fail "run with a town called all: $(cat "$TMP/e")"
[ -f "$TMP/all/charts/cost_all.svg" ] && [ -f "$TMP/all/charts/cost_all-town.svg" ] ||
  fail "a town called all: charts $(ls "$TMP/all/charts" | tr '\n' ' ')"
echo "ok: a town called all has its own charts (cost_all-town.svg)"

# 8. `report` on a folder whose results.json is a directory says so (it said "not valid JSON").
rm -f "$TMP/all/results.json" && mkdir "$TMP/all/results.json"
"$PROSTUP" report "$TMP/all" >/dev/null 2>"$TMP/e"
rc=$?
[ $rc -eq 1 ] || fail "report with a results.json directory: exit $rc: $(cat "$TMP/e")"
grep -q "results.json: cannot read (it is a directory" "$TMP/e" || fail "report: $(cat "$TMP/e")"
echo "ok: $(cat "$TMP/e")"

# 9. A dangling symbolic link as -o is refused before simulating (exit 2), not after.
ln -s "$TMP/missing/target" "$TMP/dangling"
"$PROSTUP" run "$S" -o "$TMP/dangling" --replications 2 --months 3 --quiet --no-catalog \
  >/dev/null 2>"$TMP/e"
rc=$?
[ $rc -eq 2 ] || fail "-o a dangling symlink: exit $rc, expected 2: $(cat "$TMP/e")"
grep -q "is a symbolic link to .*, which does not exist" "$TMP/e" || fail "dangling: $(cat "$TMP/e")"
echo "ok: $(cat "$TMP/e")"

# 7. A file too large for the memory validate may use: exit 1 in words, not an abort (134).
if [ -n "${PROSTUP_SANITIZE:-}" ]; then
  echo "not tested: validate under ulimit -v (sanitizers cannot run under it)"
else
  python3 -c 'import sys; sys.stdout.write("{\"_x\": [" + ",".join(["1"] * 4000000) + "]}")' \
    >"$TMP/big.json"
  (ulimit -v 100000 && "$PROSTUP" validate "$TMP/big.json") >"$TMP/e" 2>&1
  rc=$?
  [ $rc -eq 1 ] || fail "validate of 8 MB under ulimit -v 100000: exit $rc: $(cat "$TMP/e")"
  grep -q "^prostup validate: .*big.json: 8 MB would need up to" "$TMP/e" ||
    fail "validate under ulimit -v: message $(cat "$TMP/e")"
  echo "ok: $(cat "$TMP/e")"
fi

# 10. A range end past 2^53 (here 2^63 - 1) is refused with its name, for plan and sweep.
P=/towns/jirkov/capacity/shelter
"$PROSTUP" plan "$S" --vary "$P=0:9223372036854775807" --target "reached_lease_share>=0.5" \
  --replications 2 --months 3 --quiet --no-report --no-catalog -o "$TMP/p" >/dev/null 2>"$TMP/e"
rc=$?
[ $rc -eq 2 ] || fail "plan --vary 0:2^63-1: exit $rc, expected 2: $(cat "$TMP/e")"
grep -q "HI '9223372036854775807' is too large" "$TMP/e" || fail "plan --vary: $(cat "$TMP/e")"
grep -q "9223372036854775808" "$TMP/e" && fail "plan --vary: quotes the overflow: $(cat "$TMP/e")"
echo "ok: $(cat "$TMP/e")"
"$PROSTUP" sweep "$S" --set "$P=0:9223372036854775807:9223372036854775807" --replications 2 \
  --months 3 --quiet --no-report --no-catalog -o "$TMP/s" >/dev/null 2>"$TMP/e"
rc=$?
[ $rc -eq 2 ] || fail "sweep --set 0:2^63-1: exit $rc, expected 2: $(cat "$TMP/e")"
grep -q "TO '9223372036854775807' is too large" "$TMP/e" || fail "sweep --set: $(cat "$TMP/e")"
echo "ok: $(cat "$TMP/e")"
echo "PASS"
