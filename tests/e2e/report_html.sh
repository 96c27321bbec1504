#!/usr/bin/env bash
# The HTML cohort report in a real browser: `wegwijzer report --format html` of the fixture, opened in headless
# Chromium (Debian's `chromium`) and captured as a PNG. Checks that the PNG exists, has the window's size and is not
# one colour (it rendered), and that every <section> of the page holds exactly one <svg> (one chart per section).
# Usage: report_html.sh WEGWIJZER_BINARY FIXTURE [PNG]. Exit 77 (skipped) only when chromium is not installed.
set -euo pipefail
bin=$1
fixture=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "skipped: chromium is not installed (scripts/packages test installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
png=${3:-$work/report.png}

"$bin" report --by wave --lang en --format html -o "$work/report.html" "$fixture"

# --headless (the new headless mode of Chromium 112+ and the old one both take --screenshot); the profile in the
# temporary directory keeps the run from touching the home directory. Chromium may print warnings about D-Bus on a
# machine without a session: they are not failures.
started=$(date +%s.%N)
HOME=$work timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --hide-scrollbars --user-data-dir="$work/profile" --screenshot="$png" --window-size=1200,3000 \
  "file://$work/report.html" >"$work/chromium.log" 2>&1 || {
  cat "$work/chromium.log" >&2
  echo "chromium failed" >&2
  exit 1
}
ended=$(date +%s.%N)

python3 - "$png" "$work/report.html" <<'PY'
import re
import struct
import sys
import zlib

png_path, html_path = sys.argv[1], sys.argv[2]
data = open(png_path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and colour in (2, 6), f"unexpected PNG format: depth {depth}, colour type {colour}"
        channels = 3 if colour == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
assert (width, height) == (1200, 3000), f"PNG is {width}x{height}, not the window's 1200x3000"
raw = zlib.decompress(idat)
stride = width * channels + 1
# Undo the PNG row filters for the top of the page (the title and the first charts) and count the colours there.
top = min(height, 700)
previous = bytearray(width * channels)
colours = set()
for y in range(top):
    kind, row = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(row)):
        left = row[i - channels] if i >= channels else 0
        up = previous[i]
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + ((left + up) >> 1)) & 0xFF
        elif kind == 4:
            corner = previous[i - channels] if i >= channels else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
    colours.update(bytes(row[x:x + 3]) for x in range(0, len(row), channels))
    previous = row
assert len(colours) > 2, f"the screenshot is (nearly) one colour: {len(colours)} colours"
bar = bytes((0x00, 0x72, 0xB2))  # the first bar colour of the charts
assert bar in colours, "no chart bar in the top of the screenshot"
html = open(html_path, encoding="utf-8").read()
sections = re.findall(r"<section\b.*?</section>", html, re.S)
assert len(sections) >= 8, f"only {len(sections)} sections"
for number, section in enumerate(sections, 1):
    charts = len(re.findall(r"<svg\b", section))
    assert charts == 1, f"section {number} holds {charts} charts"
assert "<script" not in html
print(f"rendered: {width}x{height} PNG, {len(data)} bytes, {len(colours)} colours in the top {top} rows, "
      f"chart bars seen; {len(sections)} sections with one chart each")
PY
echo "chromium took $(python3 -c "print(f'{$ended - $started:.1f}')") s"
echo "ok"
