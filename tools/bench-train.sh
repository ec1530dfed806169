#!/usr/bin/env bash
# Wall time of `train --task aspect` on the car reviews, this checkout against a baseline commit,
# side by side in one script (alternating, so that a busier machine slows both): each run is a
# cold spark-submit on local[2] with the default options (the in-job baseline peer included).
# Prints one line per run, then one JSON object with the medians and their ratio.
#
#   tools/bench-train.sh [BASE_REV] [ROUNDS]   # default: dda8d97 (before issue 24), 2 rounds
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev="${1:-dda8d97}"
rounds="${2:-2}"
input=../shared/datasets/car_reviews/train.csv
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

jobs/bin/voclake --help >/dev/null   # builds this checkout's jar when needed, untimed
echo "building $base_rev in $work/base ..." >&2
mkdir "$work/base"
git archive "$base_rev" | tar -x -C "$work/base"
(cd "$work/base" && ./mvnw -o -q -B -DskipTests package -pl jobs -am) >&2

ms() { local start; start=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { tail -20 "$work/last.log" >&2; exit 1; }
  echo $(( ($(date +%s%N) - start) / 1000000 )); }
train() { "$1/jobs/bin/voclake" train --master 'local[2]' --task aspect --input "$input" --out "$work/models-$2"; }

base=(); ours=()
for ((i = 1; i <= rounds; i++)); do
  b=$(ms train "$work/base" base); echo "round $i: $base_rev ${b} ms"; base+=("$b")
  o=$(ms train . ours); echo "round $i: this checkout ${o} ms"; ours+=("$o")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
mb=$(median "${base[@]}"); mo=$(median "${ours[@]}")
awk -v b="$mb" -v o="$mo" -v r="$base_rev" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
  'BEGIN { printf "{\"base_rev\":\"%s\",\"base_median_s\":%.1f,\"ours_median_s\":%.1f,\"ratio\":%.3f,\"load\":%s}\n", r, b/1000, o/1000, o/b, l }'
