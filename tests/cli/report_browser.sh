#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# report.html in a real browser: headless Chromium loads it from disk; the test fails on any
# console message, any request that leaves the machine or any local file that is missing,
# and on a blank page. A deliberately broken page is loaded first to show the checks see
# such problems. Then the layout (tests/cli/report_layout.js, injected into a copy of the
# page): the summary (id="summary") starts on the first screen, nothing is wider than a
# 400 px phone screen, no word is broken across lines (at 1400 and 400 px), and every chart
# shows a baseline mark that nothing covers, and every chart's texts stay inside it without
# overlapping (also for a Czech report with 60-character names, and for the report of every
# shipped scenario, in English and Czech by turns); a broken page is checked first here too.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=${2:-}


CHROMIUM=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then CHROMIUM=$(command -v "$c"); break; fi
done
if [ -z "$CHROMIUM" ]; then
  echo "SKIP: no chromium in PATH (install the Debian package chromium to run this test)"
  exit 77
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
OUT="$TMP/out"

fail() { echo "FAIL: $*"; exit 1; }

# An output directory: from a small real run if `prostup run` works, else a synthetic one
# written by the report test executable (built next to the prostup binary's tests/).
if "$PROSTUP" run --replications 6 --months 24 --quiet -o "$OUT" >"$TMP/run.log" 2>&1 &&
   [ -f "$OUT/results.json" ]; then
  echo "output directory from: prostup run (built-in scenario, 6 replications)"
else
  rm -rf "$OUT"
  HELPER="$(dirname "$PROSTUP")/tests/test_report"
  [ -x "$HELPER" ] || { echo "SKIP: prostup run failed and $HELPER is not built"; cat "$TMP/run.log"; exit 77; }
  PROSTUP_SYNTHETIC_RUN_DIR="$OUT" "$HELPER" "[.write-synthetic]" >"$TMP/helper.log" 2>&1 ||
    { cat "$TMP/helper.log"; fail "could not write a synthetic output directory"; }
  echo "output directory from: synthetic run (prostup run unavailable)"
fi

"$PROSTUP" report "$OUT" >"$TMP/report.log" 2>&1 || { cat "$TMP/report.log"; fail "prostup report exited $?"; }
HTML="$OUT/report.html"
[ -s "$HTML" ] || fail "no report.html"

# Nothing in the page may point off the machine.
if grep -Eio '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//[^"'"'"' >]*' "$HTML" | head -5 | grep .; then
  fail "report.html refers to external resources"
fi
if grep -Eiq 'url\([[:space:]]*["'"'"']?(https?:)?//' "$HTML"; then
  fail "report.html CSS loads an external url()"
fi
if grep -Eiq '<script|<link ' "$HTML"; then fail "report.html has a script or link element"; fi

# Loads a page; writes the browser log to $2.log and the screenshot to $2.png.
load() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$TMP/profile.XXXXXX")" --enable-logging=stderr --v=1 \
    --screenshot="$2.png" --window-size=1280,2000 "file://$1" >"$2.log" 2>&1
}

# Prints the problems found in a browser log: console messages, requests that leave the
# machine (Chromium's own update and account calls excepted), local files that do not exist.
problems() {
  grep -E ':CONSOLE[:(]' "$1" | sed 's/^[^]]*] /console: /'
  grep -Eo 'NotifyBeforeURLRequest: [^ ]*' "$1" | sed 's/^NotifyBeforeURLRequest: //' |
    grep -Ev '^https?://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(/|$)' |
    sed 's/^/external request: /'
  grep -Eo 'FileURLLoader::Start: file://[^ ]*' "$1" | sed 's/^FileURLLoader::Start: file:\/\///' |
    while read -r f; do
      f=$(printf '%s' "$f" | sed 's/[?#].*//; s/%20/ /g')
      [ -e "$f" ] || echo "missing file: $f"
    done
}

# Negative control: a page with a missing image, an external image and a console error.
mkdir -p "$TMP/bad"
printf '<!DOCTYPE html><html><body><img src="missing.png"><img src="https://example.invalid/x.png"><script>console.error("boom")</script></body></html>' >"$TMP/bad/bad.html"
load "$TMP/bad/bad.html" "$TMP/bad" || fail "chromium did not run (exit $?)"
BAD=$(problems "$TMP/bad.log")
for want in "console:" "external request:" "missing file:"; do
  printf '%s\n' "$BAD" | grep -q "$want" ||
    fail "the log checks did not see a '$want' problem on a broken page; the browser's logging may have changed"
done

load "$HTML" "$TMP/page" || { tail -20 "$TMP/page.log"; fail "chromium exited $? on report.html"; }
FOUND=$(problems "$TMP/page.log")
if [ -n "$FOUND" ]; then
  printf '%s\n' "$FOUND" | head -20
  fail "report.html produced console messages or failed/external requests"
fi

# Not blank: a white page compresses to a few kilobytes; the report has charts and tables.
[ -f "$TMP/page.png" ] || fail "no screenshot"
SIZE=$(wc -c <"$TMP/page.png")
[ "$SIZE" -gt 30000 ] || fail "screenshot is only $SIZE bytes: the page looks blank"
if command -v python3 >/dev/null 2>&1; then
  # Distinct colours in the PNG (8-bit RGB or RGBA, as Chromium writes), sampled.
  COLOURS=$(python3 - "$TMP/page.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6)
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw, stride = zlib.decompress(idat), width * bpp
prev, colours = bytearray(stride), set()
for y in range(height):
    start = y * (stride + 1)
    f, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
    if f:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 2))
    prev = line
print(len(colours))
EOF
) || fail "could not decode the screenshot"
  [ "$COLOURS" -ge 8 ] || fail "screenshot has only $COLOURS distinct colours: the page looks blank"
  # Every chart file is XML a standard parser accepts.
  python3 - "$OUT/charts" <<'EOF' || fail "a chart is not well-formed XML"
import sys, pathlib, xml.etree.ElementTree as ET
files = sorted(pathlib.Path(sys.argv[1]).glob("*.svg"))
assert files, "no charts"
for f in files:
    ET.parse(f)
print(f"{len(files)} charts parse as XML")
EOF
else
  COLOURS="(python3 absent: not counted)"
fi

# Layout, in a copy of a page with report_layout.js injected; prints its findings. Chromium's
# window is at least 500 px wide, so a phone's 400 px is an iframe of that width holding the
# copy (srcdoc: the same origin, so the checks can write their findings to the top page).
# layout PAGE WIDTH NAME
layout() {
  python3 - "$1" "$SRC/tests/cli/report_layout.js" "$TMP/$3.html" "$2" <<'EOF' || return 1
import html, sys
page = open(sys.argv[1], encoding="utf-8").read()
js = open(sys.argv[2], encoding="utf-8").read()
at = page.rfind("</body>")
page = page[:at] + "<script>" + js + "</script>" + page[at:]
if int(sys.argv[4]) < 500:
    page = ('<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0" width="%s" '
            'height="1000" srcdoc="%s"></iframe></body></html>' % (sys.argv[4], html.escape(page)))
open(sys.argv[3], "w", encoding="utf-8").write(page)
EOF
  win=$2
  [ "$win" -ge 500 ] || win=500
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$TMP/profile.XXXXXX")" --hide-scrollbars \
    --virtual-time-budget=5000 --window-size="$win,1000" \
    --dump-dom "file://$TMP/$3.html" 2>"$TMP/$3.err" |
    sed -n '/^LAYOUT-BEGIN$/,/^LAYOUT-END$/p' | sed '1d;$d'
}
if [ -n "$SRC" ] && command -v python3 >/dev/null 2>&1; then
  # Negative control: the summary below the first screen, a box wider than a phone, a word
  # broken inside and a chart whose baseline line is covered.
  cat >"$TMP/badlayout.html" <<'EOF'
<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"></head><body>
<p style="width:900px">wide</p>
<p style="width:60px;overflow-wrap:anywhere">unbreakablewordthatmustbreak</p>
<figure><svg width="200" height="100" viewBox="0 0 200 100"><title>covered</title>
<line class="baseline" x1="0" y1="50" x2="200" y2="50" stroke="black" stroke-width="2"/>
<rect x="0" y="0" width="200" height="100" fill="red"/></svg></figure>
<figure><svg width="200" height="100" viewBox="0 0 200 100"><title>texts</title>
<text x="150" y="20" font-size="12">sticks out of the chart</text>
<text x="10" y="60" font-size="12">one label</text><text x="14" y="62" font-size="12">another</text>
</svg></figure>
<div id="summary" style="margin-top:1500px">late</div></body></html>
EOF
  BAD=$(layout "$TMP/badlayout.html" 400 badcheck)
  for want in "FAIL wider than the viewport" "FAIL word broken" "FAIL chart without a visible baseline" \
    "FAIL text outside its chart" "FAIL texts overlap"; do
    printf '%s\n' "$BAD" | grep -q "$want" ||
      fail "the layout checks did not see '$want' on a broken page: $BAD"
  done
  printf '%s\n' "$BAD" | grep -q '^summary-top 1[5-9][0-9][0-9]' ||
    fail "the layout checks did not measure the late summary: $BAD"
  # The report's charts are inline, so the copy needs nothing beside it.
  for width in 1400 400; do
    R=$(layout "$HTML" $width "layout$width")
    echo "layout at $width px: $(printf '%s' "$R" | tr '\n' ' ' | head -c 300)"
    [ -n "$R" ] || fail "no layout result at $width px: $(tail -5 "$TMP/layout$width.err")"
    VW=$(printf '%s\n' "$R" | sed -n 's/^viewport //p')
    [ "$width" -ne 400 ] || [ "${VW:-9999}" -le 420 ] || fail "viewport at 400 px is $VW px wide"
    TOP=$(printf '%s\n' "$R" | sed -n 's/^summary-top //p')
    { [ -n "$TOP" ] && [ "$TOP" -lt 1000 ]; } || fail "the summary starts at ${TOP:-?} px (>= 1000) at $width px"
    CHARTS=$(printf '%s\n' "$R" | sed -n 's/^charts //p')
    [ "${CHARTS:-0}" -gt 0 ] || fail "no charts seen at $width px"
    if printf '%s\n' "$R" | grep -q '^FAIL'; then
      printf '%s\n' "$R" | grep '^FAIL'
      fail "layout problems at $width px"
    fi
  done
  # Long Czech names (issue 26): Brno in Czech with a 60-character town and variant label;
  # every chart's texts stay inside it and apart (check 5 of report_layout.js).
  python3 - "$SRC/scenarios/brno-rapid-rehousing.json" "$TMP/long.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for t in d["towns"].values():
    t["label"] = "Statutární město Brno, městská část Brno-střed a okolní obce"
for v in d.get("variants", {}).values():
    v["label"] = "Housing First pro rodiny s dětmi z ubytoven: přímo do nájemního bytu"
d["language"] = "cs"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
  "$PROSTUP" run "$TMP/long.json" --replications 4 --months 12 --quiet --no-catalog -o "$TMP/long" \
    >"$TMP/long.log" 2>&1 || { cat "$TMP/long.log"; fail "run of the long-named Brno exited $?"; }
  R=$(layout "$TMP/long/report.html" 1400 layoutlong)
  echo "layout of long Czech names: $(printf '%s\n' "$R" | grep '^chart texts')"
  if printf '%s\n' "$R" | grep -q '^FAIL'; then
    printf '%s\n' "$R" | grep '^FAIL'
    fail "layout problems with long Czech names"
  fi
  # Every shipped scenario's report (issue 26): the texts of every chart kind stay inside
  # their chart and apart, in English and in Czech by turns (4 replications, 12 months: the
  # layout, not the numbers, is under test; input uncertainty still draws 2 parameter sets).
  n=0
  for f in "$SRC"/scenarios/*.json; do
    name=$(basename "$f" .json)
    [ "$name" = scenario.schema ] && continue
    n=$((n + 1))
    lang=en
    [ $((n % 2)) -eq 0 ] && lang=cs
    "$PROSTUP" run "$f" --replications 4 --months 12 --lang $lang --quiet --no-catalog \
      -o "$TMP/shipped-$name" >"$TMP/shipped-$name.log" 2>&1 ||
      { cat "$TMP/shipped-$name.log"; fail "run of $name exited $?"; }
    R=$(layout "$TMP/shipped-$name/report.html" 1400 "layout-$name")
    [ -n "$R" ] || fail "no layout result for $name: $(tail -5 "$TMP/layout-$name.err")"
    echo "layout of $name ($lang): $(printf '%s\n' "$R" | grep -E '^(charts|chart texts)' | tr '\n' ' ')"
    [ "$(printf '%s\n' "$R" | sed -n 's/^charts //p')" -gt 0 ] || fail "no charts seen in $name"
    if printf '%s\n' "$R" | grep -q '^FAIL'; then
      printf '%s\n' "$R" | grep '^FAIL'
      fail "layout problems in the report of $name ($lang)"
    fi
  done
  [ "$n" -ge 7 ] || fail "only $n shipped scenarios found under $SRC/scenarios"
else
  echo "layout checks skipped: python3 or the source directory missing"
fi
echo "OK: report.html loads cleanly; screenshot $SIZE bytes, $COLOURS colours"
