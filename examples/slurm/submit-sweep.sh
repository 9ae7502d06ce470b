#!/bin/bash
# Submits a byzmarina sweep to Slurm: a job array of N shards (sweep-array.sbatch) and a merge job
# that starts once every shard has succeeded (--dependency=afterok) and is cancelled if one fails.
#
# usage: examples/slurm/submit-sweep.sh N GRID.json OUT [sweep flags, e.g. --set dataset=$HOME/data/a9a]
# environment: BYZMARINA_JAR (default java/target/byzmarina.jar), JAVA (default java),
#              SBATCH_FLAGS (extra sbatch options for both jobs, e.g. "--partition=short --time=1:00:00")
# Prints the two job ids ("ARRAY_ID MERGE_ID") on stdout. The jobs start in the current folder and
# write their logs there (slurm-byzmarina-sweep-*.out); OUT.shards/ holds the shards' folders.
set -euo pipefail

if [[ $# -lt 3 ]] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 N GRID.json OUT [sweep flags...]   (N >= 1 shards)" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
n=$1
grid=$(realpath -m "$2")
out=$(realpath -m "$3")
shift 3
export BYZMARINA_JAR
BYZMARINA_JAR=$(realpath -m "${BYZMARINA_JAR:-java/target/byzmarina.jar}")
[[ -f $BYZMARINA_JAR ]] || { echo "$0: no jar at $BYZMARINA_JAR (build it, or set BYZMARINA_JAR)" >&2; exit 2; }
[[ -f $grid ]] || { echo "$0: no sweep file at $grid" >&2; exit 2; }
read -r -a extra <<<"${SBATCH_FLAGS:-}"

array=$(sbatch --parsable "${extra[@]}" --array="1-$n" "$here/sweep-array.sbatch" "$n" "$grid" "$out" "$@")
array=${array%%;*}
merge=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes --cpus-per-task=1 \
  --job-name=byzmarina-merge --output=slurm-%x-%j.out "$here/sweep-array.sbatch" "$n" "$grid" "$out")
merge=${merge%%;*}
echo "$array $merge"
