#!/bin/bash
# A one-node Slurm cluster on this machine, for trying examples/slurm/ out (Debian 12, run as root).
#
#   sudo examples/slurm/local-cluster.sh          installs slurm-wlm and munge, writes
#                                                  /etc/slurm/slurm.conf and starts munged,
#                                                  slurmctld and slurmd
#   sudo examples/slurm/local-cluster.sh stop     stops the three daemons
#
# The node is this machine as `slurmd -C` describes it (CPUs, sockets, cores, memory); one partition,
# `local`, holds it. There is no accounting database (no slurmdbd): follow jobs with squeue, and with
# `scontrol show job ID` for 5 minutes after they end. Starts the daemons with systemd when it runs,
# else directly (containers). An existing slurm.conf that this script did not write is kept (as
# slurm.conf.before-local-cluster) and replaced; running it again restarts the daemons.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  echo "$0: run as root (sudo $0)" >&2
  exit 1
fi
conf=/etc/slurm/slurm.conf
marker="# written by byzmarina examples/slurm/local-cluster.sh"
systemd=false
[[ -d /run/systemd/system ]] && systemd=true

stop() {
  if $systemd; then
    systemctl stop slurmd slurmctld || true
  else
    local pidfile pid
    for pidfile in /run/slurmd.pid /run/slurmctld.pid; do
      pid=$(cat "$pidfile" 2>/dev/null || true)
      if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      fi
    done
  fi
}

if [[ ${1:-} == stop ]]; then
  stop
  echo "slurmd and slurmctld stopped (munged keeps running)"
  exit 0
fi

if ! command -v slurmd >/dev/null || ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge
fi

# munge: a key (the package makes one; make it if missing) and a running daemon.
if [[ ! -s /etc/munge/munge.key ]]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if $systemd; then
    systemctl restart munge
  else
    runuser -u munge -- /usr/sbin/munged
  fi
fi
munge -n | unmunge >/dev/null

# slurm.conf: this node, as slurmd -C sees it, in one partition.
host=$(hostname -s)
node=$(slurmd -C | head -n 1 | sed "s/^NodeName=[^ ]*/NodeName=$host/")
if [[ -f $conf ]] && ! grep -qF "$marker" "$conf"; then
  cp "$conf" "$conf.before-local-cluster"
fi
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
chown slurm:slurm /var/spool/slurmctld /var/log/slurm
cat >"$conf" <<CONF
$marker
ClusterName=local
SlurmctldHost=$host
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
# No cgroups (they are often unavailable in containers): processes are tracked through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
$node State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# Debian's slurmd reads cgroup.conf only for cgroup plugins; none is used here.

stop
if $systemd; then
  systemctl start slurmctld slurmd
else
  /usr/sbin/slurmctld
  /usr/sbin/slurmd
fi

# Wait until the node takes jobs.
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  if [[ $state == idle* || $state == mix* || $state == alloc* ]]; then
    sinfo
    echo "Slurm is up: one node ($host), partition 'local'. Try: srun hostname"
    exit 0
  fi
  sleep 1
done
echo "$0: the node did not become idle in 60 s; see /var/log/slurm/slurmctld.log and slurmd.log" >&2
sinfo >&2 || true
exit 1
