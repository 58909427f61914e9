# shellcheck shell=bash
# Starting and stopping the background processes of run.sh. Every process is started in a process group (and
# session) of its own, so that stopping it also stops whatever it spawned, by that group's id alone, and so that
# a Ctrl+C in the terminal reaches only run.sh, which then stops everything in order.
#
# Each started group is recorded twice: in DD_GROUPS (this run's teardown) and as a pid file in
# ${DD_RUN_DIR} holding the pid and the working directory it was started in, so that a later run can stop what a
# run killed with SIGKILL left behind, and can tell those processes from a new process that reuses the pid.

# "name:pid" of every group this run started and that still runs.
DD_GROUPS=()

# Starts "$@" in directory $3 as a new process group, output appended to file $2 ("-": run.sh's stdout).
# Sets DD_STARTED_PID. File descriptor 9 (run.sh's lock) is closed for the child, so the lock dies with run.sh.
start_group() {
  local name=$1 output=$2 workdir
  # Canonical, because stop_leftover_groups compares it with the kernel's view of the process's directory.
  workdir=$(cd "$3" && pwd -P)
  shift 3
  # The subshell is not a process group leader (no job control here), so setsid needs no fork: the pid bash
  # reports is the program's own, and it leads its group. Output "-" keeps run.sh's own stdout.
  if [[ ${output} == - ]]; then
    (cd "${workdir}" && exec setsid "$@") 2>&1 </dev/null 9>&- &
  else
    (cd "${workdir}" && exec setsid "$@") >>"${output}" 2>&1 </dev/null 9>&- &
  fi
  DD_STARTED_PID=$!
  DD_GROUPS+=("${name}:${DD_STARTED_PID}")
  printf '%s\n%s\n' "${DD_STARTED_PID}" "${workdir}" >"${DD_RUN_DIR}/${name}.pid"
}

# Prints the ids of the process groups that have a member that is not a zombie. Zombies do not count: a member
# orphaned by its group's leader is reaped by init, which can take a second or two here, and holds nothing any
# more. One ps for all groups: under load, a process per group and poll makes the teardown itself slow.
live_groups() {
  ps -e -o pgid=,stat= | awk '$2 !~ /^Z/ { print $1 }' | sort -u
}

group_is_alive() {
  live_groups | grep -qx -- "$1"
}

# Sends SIGTERM to the groups given as "name:pid" entries, all at once: they shut down in parallel.
signal_groups() {
  local entry
  for entry in "$@"; do
    kill -TERM -- "-${entry##*:}" 2>/dev/null || true
  done
}

# Waits for the groups given as "name:pid" entries to end, then SIGKILLs what is left after the grace period. The
# grace period is longer than what our processes need for a graceful shutdown (ASP.NET Core drains its requests,
# Azurite saves its metadata, which alone takes it about five seconds).
await_groups() {
  local grace_seconds=$1 waited=0 entry pending live
  shift
  while :; do
    pending=()
    live=" $(live_groups | tr '\n' ' ') "
    for entry in "$@"; do
      if [[ ${live} == *" ${entry##*:} "* ]]; then pending+=("${entry}"); fi
    done
    ((${#pending[@]} > 0 && waited < grace_seconds * 10)) || break
    sleep 0.1
    waited=$((waited + 1))
  done
  for entry in "${pending[@]}"; do
    warn "${entry%%:*} (pid ${entry##*:}) did not stop within ${grace_seconds}s; killing it."
    kill -KILL -- "-${entry##*:}" 2>/dev/null || true
  done
  for entry in "$@"; do
    # Reap it when it is our child, quietly: its exit status after SIGTERM is expected to be non-zero.
    wait "${entry##*:}" 2>/dev/null || true
    forget_group "${entry%%:*}"
  done
}

# SIGTERM, then SIGKILL after the grace period, for one group.
stop_group() {
  signal_groups "$1:$2"
  await_groups "${3:-20}" "$1:$2"
}

# Forgets a group that ended by itself (a build or the migration step that ran to completion).
forget_group() {
  local name=$1 entry kept=()
  for entry in "${DD_GROUPS[@]}"; do
    [[ ${entry%%:*} == "${name}" ]] || kept+=("${entry}")
  done
  DD_GROUPS=("${kept[@]}")
  rm -f "${DD_RUN_DIR}/${name}.pid"
}

# Runs "$@" to completion in its own group (see start_group), waiting in a way a signal can interrupt: bash runs
# traps only between commands, so a long foreground build would otherwise delay Ctrl+C/SIGTERM until it ends.
# Anything the step left running in its group (it should leave nothing) is stopped afterwards.
run_step() {
  local name=$1 output=$2 workdir=$3 status=0
  shift 3
  start_group "${name}" "${output}" "${workdir}" "$@"
  wait "${DD_STARTED_PID}" || status=$?
  if group_is_alive "${DD_STARTED_PID}"; then
    stop_group "${name}" "${DD_STARTED_PID}" 5
  fi
  forget_group "${name}"
  return "${status}"
}

# Stops groups a previous run left behind (run.sh killed with SIGKILL, a closed terminal): a pid file whose
# process is still alive in the directory it was started in is one of ours.
stop_leftover_groups() {
  local file name pid workdir
  for file in "${DD_RUN_DIR}"/*.pid; do
    [[ -f ${file} ]] || continue
    name=$(basename "${file}" .pid)
    { read -r pid && read -r workdir; } <"${file}" || { rm -f "${file}"; continue; }
    if [[ ${pid} =~ ^[0-9]+$ && $(readlink "/proc/${pid}/cwd" 2>/dev/null || true) == "${workdir}" ]]; then
      warn "stopping ${name} (pid ${pid}) left running by an earlier run"
      stop_group "${name}" "${pid}" 10
    fi
    rm -f "${file}"
  done
}
