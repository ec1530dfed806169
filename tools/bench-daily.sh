#!/usr/bin/env bash
# Wall time of `jobs/bin/voclake daily` on the sample data, each run a cold spark-submit, beside a
# baseline in the same script: a near-empty job (one generated customer), i.e. what a cold JVM,
# Spark's start-up and shut-down cost before VOCLake does anything. Prints one line per run and,
# last, one JSON object.
#
#   tools/bench-daily.sh            # builds the jar first if sources changed
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
voclake=jobs/bin/voclake
"$voclake" --help >/dev/null   # builds the jar when needed, untimed

ms() { local start; start=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { tail -20 "$work/last.log" >&2; exit 1; }
  echo $(( ($(date +%s%N) - start) / 1000000 )); }

baseline=$(ms "$voclake" generate --customers 1 --days 1 --end-date 2026-11-20 --out "$work/empty")
echo "baseline (near-empty job): ${baseline} ms"
first=$(ms "$voclake" daily --warehouse "$work/wh-first")
echo "daily on an empty warehouse (full build, 2026-11-20): ${first} ms"
prepare=$(ms "$voclake" daily --warehouse "$work/wh-next" --date 2026-11-19)
echo "daily --date 2026-11-19 on an empty warehouse (full build): ${prepare} ms"
next=$(ms "$voclake" daily --warehouse "$work/wh-next" --date 2026-11-20)
echo "daily --date 2026-11-20 after it (an incremental day): ${next} ms"
rerun=$(ms "$voclake" daily --warehouse "$work/wh-next" --date 2026-11-20)
echo "daily --date 2026-11-20 again (a rerun of the day): ${rerun} ms"
awk -v b="$baseline" -v f="$first" -v n="$next" -v r="$rerun" -v p="$prepare" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
  'BEGIN { printf "{\"baseline_s\":%.1f,\"first_daily_s\":%.1f,\"next_day_s\":%.1f,\"rerun_s\":%.1f,\"prepare_s\":%.1f,\"load\":%s}\n", b/1000, f/1000, n/1000, r/1000, p/1000, l }' 
