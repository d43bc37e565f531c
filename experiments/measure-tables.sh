#!/usr/bin/env bash
# Re-measures every table in the README and docs/ that stands between the markers
#   <!-- measured: ARGS -->
#   ...
#   <!-- /measured -->
# by running `actrun ARGS` (Release build) into a fresh folder and writing its summary as a Markdown table,
# followed by the run count, the wall time, the date and the machine. The text between the markers is
# replaced; everything else in the files stays as it is.
#
#   experiments/measure-tables.sh                 all tables
#   experiments/measure-tables.sh dead-relu       only the tables whose ARGS contain "dead-relu"
#
# Datasets are found as the tool finds them (--data-dir, ACTRUN_DATA_DIR, ./data). A table whose dataset is
# missing is left as it is, with a note on stderr. Every `run` also gets --check, so a table and its
# experiment's expect: ranges cannot drift apart unnoticed: the script exits 1 if any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"

dotnet build src/ActRun -c Release -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }
dll="$(dotnet msbuild src/ActRun/ActRun.csproj -p:Configuration=Release -getProperty:TargetPath 2>/dev/null | tail -n 1)"
[ -f "$dll" ] || { echo "no actrun build at '$dll'" >&2; exit 1; }

machine="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), $(nproc) cores"
simd="$(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || (grep -qw avx2 /proc/cpuinfo && echo AVX2 || echo no AVX2))"
today="$(date -u +%Y-%m-%d)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

files=(README.md)
[ -d docs ] && while IFS= read -r f; do files+=("$f"); done < <(find docs -name '*.md' | sort)

for file in "${files[@]}"; do
  grep -q '<!-- measured: ' "$file" || continue
  out="$work/$(basename "$file").new"
  : >"$out"
  skipping=0
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ "$line" =~ ^\<!--\ measured:\ (.*)\ --\>$ ]]; then
      args="${BASH_REMATCH[1]}"
      printf '%s\n' "$line" >>"$out"
      if [ -n "$filter" ] && [[ "$args" != *"$filter"* ]]; then continue; fi
      folder="$work/run$RANDOM$RANDOM"
      echo "measuring: actrun $args" >&2
      start=$(date +%s.%N)
      # shellcheck disable=SC2086 # ARGS are words, as a user would type them
      check=(); [[ "$args" == run\ * ]] && check=(--check)
      if dotnet "$dll" $args "${check[@]}" --out "$folder" -q --format markdown >"$work/table.md" 2>"$work/err.txt"; then
        code=0
      else
        code=$?
      fi
      end=$(date +%s.%N)
      if [ ! -s "$work/table.md" ]; then
        echo "  left as it is: actrun exited $code: $(tail -n 1 "$work/err.txt")" >&2
        [ "$code" -eq 3 ] || status=1
        skipping=2   # keep the old block
        continue
      fi
      [ "$code" -eq 0 ] || { echo "  actrun exited $code: $(tail -n 1 "$work/err.txt")" >&2; status=1; }
      runs=$(($(wc -l <"$folder/runs.csv") - 1))
      secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
      {
        printf '\n```\nactrun %s\n```\n\n' "$args"
        cat "$work/table.md"
        printf '\n%s runs, %s s of wall time. Measured %s on %s (%s), Release build, by `experiments/measure-tables.sh`.\n\n' \
          "$runs" "$secs" "$today" "$machine" "$simd"
      } >>"$out"
      skipping=1
      continue
    fi
    if [[ "$line" == '<!-- /measured -->' ]]; then
      skipping=0
      printf '%s\n' "$line" >>"$out"
      continue
    fi
    # Inside a block: drop the old text when it was re-measured, keep it when it was not.
    if [ "$skipping" -eq 1 ]; then continue; fi
    printf '%s\n' "$line" >>"$out"
  done <"$file"
  cp "$out" "$file"
done
exit "$status"
