#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# scenarios/scenario.schema.json and `prostup validate` agree: every shipped scenario, shipped
# calibration example (examples/calibration/) and test fixture passes both; every bad-catalogue case marked "schema" in tests/bad/expected.txt fails
# both. Args: $1 = prostup binary, $2 = source directory. Needs python3-jsonschema.
set -u
prostup=$1
src=$2
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "skipped: python3 with jsonschema is not installed (Debian: python3-jsonschema)"
  exit 77
fi
failures=0
for f in "$src"/scenarios/*.json "$src"/examples/calibration/*.json "$src"/tests/fixtures/*.json; do
  case "$f" in */scenario.schema.json) continue ;; esac
  "$prostup" validate --quiet "$f" || {
    echo "FAIL: prostup validate refuses $f"
    failures=$((failures + 1))
  }
done
python3 - "$src" <<'PY' || failures=$((failures + 1))
import glob, json, os, sys
import jsonschema

src = sys.argv[1]
schema = json.load(open(os.path.join(src, "scenarios", "scenario.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
files = sorted(glob.glob(os.path.join(src, "scenarios", "*.json")) +
               glob.glob(os.path.join(src, "examples", "calibration", "*.json")) +
               glob.glob(os.path.join(src, "tests", "fixtures", "*.json")))
files = [f for f in files if not f.endswith("scenario.schema.json")]
for f in files:
    for e in validator.iter_errors(json.load(open(f, encoding="utf-8"))):
        print(f"FAIL: the schema refuses {f}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
        bad += 1
refused = 0
for line in open(os.path.join(src, "tests", "bad", "expected.txt"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    name, pointer, fragment, schema_flag = [x.strip() for x in line.split(" | ")]
    if schema_flag != "schema":
        continue
    doc = json.load(open(os.path.join(src, "tests", "bad", name), encoding="utf-8"))
    if not any(True for _ in validator.iter_errors(doc)):
        print(f"FAIL: the schema accepts tests/bad/{name} ({fragment})")
        bad += 1
    refused += 1
print(f"schema: {len(files)} valid files checked, {refused} bad cases refused")
sys.exit(1 if bad else 0)
PY
grep -v '^#' "$src/tests/bad/expected.txt" | grep ' | schema$' | cut -d'|' -f1 | while read -r name; do
  "$prostup" validate --quiet "$src/tests/bad/$name" 2>/dev/null
  rc=$?
  [ "$rc" -eq 2 ] || { echo "FAIL: prostup validate exited $rc on tests/bad/$name"; exit 1; }
done || failures=$((failures + 1))
if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "ok"
