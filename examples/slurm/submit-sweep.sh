#!/bin/bash
# Submits a byzmarina sweep to Slurm: a job array of N shards (sweep-array.sbatch) and a merge job
# that starts once every shard has succeeded (--dependency=afterok) and is cancelled if one fails.
#
# usage: examples/slurm/submit-sweep.sh N GRID.json OUT [sweep flags, e.g. --set dataset=$HOME/data/a9a]
# environment: BYZMARINA (the command that runs byzmarina; default: this checkout's ./byzmarina
#              launcher), SBATCH_FLAGS (more sbatch options for both jobs, e.g.
#              "--partition=short --time=1:00:00 --cpus-per-task=4")
# Prints the two job ids ("ARRAY_ID MERGE_ID") on stdout. The jobs start in the current folder and
# write their logs there (slurm-byzmarina-*.out); OUT.shards/ holds the shards' folders. Every node
# must see the checkout, GRID.json and OUT at the same paths (a shared file system).
set -euo pipefail

if [[ $# -lt 3 ]] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 N GRID.json OUT [sweep flags...]   (N >= 1 shards)" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
n=$1
grid=$(realpath -m "$2")
out=$(realpath -m "$3")
shift 3
if [[ -z ${BYZMARINA:-} ]]; then
  [[ -f $root/java/target/byzmarina.jar ]] || { echo "$0: $root/java/target/byzmarina.jar is missing; build it with: mvn -B -q package -DskipTests" >&2; exit 2; }
  export BYZMARINA=$root/byzmarina
fi
[[ -f $grid ]] || { echo "$0: no sweep file at $grid" >&2; exit 2; }
read -r -a extra <<<"${SBATCH_FLAGS:-}"

array=$(sbatch --parsable "${extra[@]}" --array="1-$n" "$root/examples/slurm/sweep-array.sbatch" "$n" "$grid" "$out" "$@")
array=${array%%;*}
merge=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes --cpus-per-task=1 \
  --job-name=byzmarina-merge --output=slurm-%x-%j.out "$root/examples/slurm/sweep-array.sbatch" "$n" "$grid" "$out")
merge=${merge%%;*}
echo "$array $merge"
