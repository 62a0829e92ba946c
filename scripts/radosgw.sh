#!/usr/bin/env bash
# Throwaway one-node Ceph cluster (1 mon, 1 memstore OSD, radosgw/beast) for tests and benchmarks.
#
#   scripts/radosgw.sh install              install the Debian packages if missing
#   scripts/radosgw.sh start DIR [PORT]     start a cluster whose every file lives under DIR;
#                                           prints one JSON line {"endpoint","accessKey","secretKey","dir"}
#   scripts/radosgw.sh stop DIR [--purge]   stop it (by the pids in DIR/run/*.pid); --purge also deletes DIR
#
# Env: RADOSGW_MEMSTORE_BYTES (default 6 GiB; memstore keeps all objects in RAM),
#      RADOSGW_START_TIMEOUT (seconds, default 60),
#      RADOSGW_ACCESS_KEY / RADOSGW_SECRET_KEY (default ferrytest / ferrytestsecret).
# Everything binds to 127.0.0.1. No systemd. Daemons are only ever stopped by pid, never by name.
set -euo pipefail

ACCESS_KEY="${RADOSGW_ACCESS_KEY:-ferrytest}"
SECRET_KEY="${RADOSGW_SECRET_KEY:-ferrytestsecret}"
MEMSTORE_BYTES="${RADOSGW_MEMSTORE_BYTES:-$((6 * 1024 * 1024 * 1024))}"
START_TIMEOUT="${RADOSGW_START_TIMEOUT:-60}"
# Stop order: gateway first, then the OSD, then the monitor.
DAEMONS=(client.rgw.a osd.0 mon.a)

log() { printf '[radosgw.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Prints N distinct free TCP ports on 127.0.0.1 (all held open at once, so they differ).
free_ports() {
  local n="$1"
  if command -v node >/dev/null 2>&1; then
    node -e '
      const net = require("net"); const n = +process.argv[1]; const ss = [];
      for (let i = 0; i < n; i++) {
        const s = net.createServer(); ss.push(s);
        s.listen(0, "127.0.0.1", () => {
          if (ss.every((x) => x.listening)) {
            console.log(ss.map((x) => x.address().port).join(" "));
            ss.forEach((x) => x.close());
          }
        });
      }' "$n"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c '
import socket, sys
ss = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); ss.append(s)
print(" ".join(str(s.getsockname()[1]) for s in ss))
for s in ss: s.close()' "$n"
  else
    die "need node or python3 to pick free ports"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# 0 if something answers HTTP on 127.0.0.1:$1 (any status line).
http_answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 || exit 1
    IFS= read -r -t 3 line <&3 || true
    [[ "${line:-}" == HTTP/* ]]
  ) 2>/dev/null
}

# pid from DIR/run/NAME.pid if that process is alive and really one of this DIR's daemons.
daemon_pid() {
  local dir="$1" name="$2" pid
  [[ -f "$dir/run/$name.pid" ]] || return 1
  pid="$(tr -dc '0-9' <"$dir/run/$name.pid")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  # Guard against a recycled pid: the daemon was started with -c DIR/ceph.conf.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/ceph.conf" || return 1
  echo "$pid"
}

# Alive and not a zombie (daemons outlive the start script, so their reaper may be slow).
alive() {
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

stop_cluster() {
  local dir="$1" name pid i
  for name in "${DAEMONS[@]}"; do
    pid="$(daemon_pid "$dir" "$name")" || { rm -f "$dir/run/$name.pid"; continue; }
    if [[ "$name" == osd.* ]]; then
      # memstore dumps every object to disk on a clean shutdown (slow with GiBs); the data is throwaway.
      kill -KILL "$pid" 2>/dev/null || true
    else
      kill -TERM "$pid" 2>/dev/null || true
    fi
    for ((i = 0; i < 100; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      log "$name (pid $pid) ignored TERM for 10 s, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.1; done
    fi
    rm -f "$dir/run/$name.pid" "$dir/run/$name.asok"
  done
}

show_logs() {
  local dir="$1" f
  for f in "$dir"/log/*; do
    [[ -s "$f" ]] || continue
    printf '\n----- tail of %s -----\n' "$f" >&2
    tail -n 25 "$f" >&2 || true
  done
}

# Starts a daemon in the foreground as a background job and records its pid.
launch() {
  local dir="$1" name="$2"; shift 2
  "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}

cmd_install() {
  if command -v radosgw >/dev/null 2>&1 && command -v ceph-mon >/dev/null 2>&1 && command -v ceph-osd >/dev/null 2>&1; then
    log "radosgw, ceph-mon and ceph-osd already installed"
    return 0
  fi
  log "installing radosgw ceph-mon ceph-osd from Debian (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd >&2
  log "installed: $(ceph --version 2>/dev/null || echo '?')"
}

cmd_start() {
  local dir="${1:-}" rgw_port="${2:-}" mon_port ports fsid osd_uuid osd_id conf t0 deadline name
  [[ -n "$dir" ]] || usage
  for name in radosgw ceph-mon ceph-osd monmaptool ceph radosgw-admin; do
    command -v "$name" >/dev/null 2>&1 || die "$name not found; run: $0 install"
  done
  [[ "$MEMSTORE_BYTES" =~ ^[0-9]+$ ]] || die "RADOSGW_MEMSTORE_BYTES must be a number of bytes"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd -P)"
  for name in "${DAEMONS[@]}"; do
    if daemon_pid "$dir" "$name" >/dev/null; then die "a cluster is already running in $dir (stop it first)"; fi
  done
  # Leftovers from an earlier run in the same DIR would confuse mkfs.
  rm -rf "$dir/run" "$dir/log" "$dir/mon" "$dir/osd" "$dir/rgw" "$dir/ceph.conf" "$dir/monmap"
  mkdir -p "$dir/run" "$dir/log" "$dir/mon" "$dir/osd/0" "$dir/rgw"

  if [[ -n "$rgw_port" ]]; then
    [[ "$rgw_port" =~ ^[0-9]+$ ]] || die "PORT must be a number"
    port_in_use "$rgw_port" && die "port $rgw_port on 127.0.0.1 is already in use"
    mon_port="$(free_ports 1)"
  else
    ports="$(free_ports 2)"
    read -r mon_port rgw_port <<<"$ports"
  fi
  [[ "$mon_port" != "$rgw_port" ]] || mon_port="$(free_ports 1)"

  t0=$SECONDS
  started=0
  # From here on, any failure stops whatever was started.
  trap 'rc=$?; if [[ $started != 1 ]]; then log "start failed (exit $rc), logs:"; show_logs "$dir"; stop_cluster "$dir"; fi' EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM

  fsid="$(cat /proc/sys/kernel/random/uuid)"
  osd_uuid="$(cat /proc/sys/kernel/random/uuid)"
  conf="$dir/ceph.conf"
  cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms cluster mode = crc
ms mon service mode = crc
ms service mode = crc
keyring = /dev/null
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
log to stderr = false
err to stderr = false
log to syslog = false
mon cluster log file = $dir/log/cluster.log
crash dir = $dir/crash
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon data avail warn = 2
mon data avail crit = 1
# Commit monitor changes (pool creation etc.) right away instead of once a second: start ~4x faster.
paxos propose interval = 0.05
paxos min wait = 0.01

[mon]
mon data = $dir/mon/\$id

[osd]
osd data = $dir/osd/\$id
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES
osd crush update on start = true

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
rgw thread pool size = 64
# Reclaim deleted/overwritten object data after 30 s instead of 2 h (memstore keeps it all in RAM).
rgw gc obj min wait = 30
rgw gc processor period = 30
EOF
  export CEPH_CONF="$conf"

  log "dir $dir: mon on 127.0.0.1:$mon_port, radosgw on 127.0.0.1:$rgw_port, memstore $MEMSTORE_BYTES bytes"
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" -c "$conf" >>"$dir/log/client.out" 2>&1
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" >>"$dir/log/mon.a.out" 2>&1
  launch "$dir" mon.a ceph-mon -c "$conf" -f -i a

  osd_id="$(timeout 30 ceph -c "$conf" --connect-timeout 25 osd new "$osd_uuid" 2>>"$dir/log/client.out")" ||
    die "could not reach the monitor (ceph osd new)"
  [[ "$osd_id" == 0 ]] || die "unexpected osd id '$osd_id'"
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$dir/log/osd.0.out" 2>&1
  launch "$dir" osd.0 ceph-osd -c "$conf" -f -i 0
  launch "$dir" client.rgw.a radosgw -c "$conf" -f -n client.rgw.a

  deadline=$((t0 + START_TIMEOUT))
  until http_answers "$rgw_port"; do
    for name in "${DAEMONS[@]}"; do
      daemon_pid "$dir" "$name" >/dev/null || die "$name exited during start"
    done
    ((SECONDS < deadline)) || die "radosgw did not answer on http://127.0.0.1:$rgw_port/ within ${START_TIMEOUT}s"
    sleep 0.25
  done

  timeout 30 radosgw-admin -c "$conf" user create --uid=ferrytest --display-name="Ferry test" \
    --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >>"$dir/log/client.out" 2>&1 ||
    die "radosgw-admin user create failed"

  started=1
  log "ready in $((SECONDS - t0)) s; stop with: $0 stop $dir"
  printf '{"endpoint":"http://127.0.0.1:%s","accessKey":"%s","secretKey":"%s","dir":"%s"}\n' \
    "$rgw_port" "$ACCESS_KEY" "$SECRET_KEY" "$dir"
}

cmd_stop() {
  local dir="${1:-}" purge="${2:-}"
  [[ -n "$dir" ]] || usage
  [[ -d "$dir" ]] || { log "$dir does not exist, nothing to stop"; return 0; }
  dir="$(cd "$dir" && pwd -P)"
  stop_cluster "$dir"
  if [[ "$purge" == "--purge" ]]; then
    rm -rf "$dir"
  elif [[ -n "$purge" ]]; then
    usage
  fi
  log "stopped $dir"
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) usage ;;
esac
