#!/usr/bin/env bash
# Whole-process timing, back to back in A/B pairs: run A then B, N times, and print each pair's wall
# times (from /usr/bin/time) and the median of the B/A ratios. Used for bench/README.md's start-up
# table. Both commands get "--out <fresh folder>" appended.
#   bench/scripts/startup-pairs.sh N 'java -jar OLD.jar run --dataset a9a --rounds 1 --fstar 0.3' './byzmarina run ...'
set -euo pipefail
n=$1; a=$2; b=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for i in $(seq "$n"); do
  /usr/bin/time -f %e -o "$work/ta" sh -c "$a --out $work/a$i" >/dev/null 2>&1
  /usr/bin/time -f %e -o "$work/tb" sh -c "$b --out $work/b$i" >/dev/null 2>&1
  echo "$(tail -1 "$work/ta") $(tail -1 "$work/tb")"
done | awk '{r[NR] = $2 / $1; print "pair " NR ": A " $1 " s, B " $2 " s, B/A " sprintf("%.3f", $2 / $1)}
  END { n = asort_(r); }
  function asort_(a,   i, j, t, k) { k = 0; for (i in a) k++; for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    printf "median B/A over %d pairs: %.3f\n", k, (k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2); return k }'
