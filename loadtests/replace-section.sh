#!/usr/bin/env bash
# Puts one marked section of docs/benchmarks.md in place of the one there (or at the end, the first time):
#
#   loadtests/replace-section.sh NAME FILE
#
# FILE holds the section with its own marker lines, <!-- NAME:start --> and <!-- NAME:end -->. Every
# other part of the document stays as it was, so each benchmark script rewrites only its own figures.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
section=$2
doc=docs/benchmarks.md
start="<!-- $name:start -->"
end="<!-- $name:end -->"
if ! grep -qxF "$start" "$section" || ! grep -qxF "$end" "$section"; then
  echo "replace-section.sh: $section lacks the marker lines of section '$name'" >&2
  exit 1
fi

touch "$doc"
python3 - "$doc" "$section" "$start" "$end" <<'PY'
import sys
doc, section, start, end = sys.argv[1:]
lines = open(doc, encoding="utf-8").read().splitlines()
new = open(section, encoding="utf-8").read().rstrip("\n").splitlines()
if start in lines and end in lines[lines.index(start):]:
    first = lines.index(start)
    last = lines.index(end, first)
    lines[first:last + 1] = new
else:
    lines += [""] + new if lines else new
open(doc, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
