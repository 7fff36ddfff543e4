#!/usr/bin/env bash
# plumber watch at its edges (each bounded by timeout, loopback only):
# an unusable --metrics address must not leave the started command running;
# a bad --html path fails at once; --json - stays valid JSON when the
# command writes to stdout; a process whose fd links cannot be read (root
# without CAP_SYS_PTRACE, another user's process) still has its fds counted.
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh

# 1. --metrics on a port already taken: exit 2, and the command is not left running.
python3 -c "import socket,time; s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(); open('$tmp/port','w').write(str(s.getsockname()[1])); time.sleep(20)" &
jobs_started+=($!)
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
tag="sleep $((900 + RANDOM % 99))"
timeout 20 "$PLUMBER" watch -q --for 3s --metrics "127.0.0.1:$port" -- $tag >"$tmp/m.out" 2>&1
rc=$?
[ $rc = 2 ] && ok || bad "--metrics on a taken port: exit $rc, want 2"
grep -q "cannot listen" "$tmp/m.out" && ok || bad "--metrics on a taken port says why: $(cat "$tmp/m.out")"
if pgrep -fx "$tag" >/dev/null; then bad "the command was left running after --metrics failed"; pkill -fx "$tag"; else ok; fi

# 2. a bad --html path fails before watching, not after --for.
start=$(date +%s)
timeout 20 "$PLUMBER" watch -q --for 15s --html "$tmp/no/such/dir/r.html" --pid $$ >"$tmp/h.out" 2>&1
rc=$?
[ $rc = 2 ] && ok || bad "--html to a missing directory: exit $rc, want 2"
[ $(( $(date +%s) - start )) -lt 5 ] && ok || bad "--html path checked only after the watch"

# 3. --json - with a command that writes to stdout: the JSON stays valid.
timeout 30 "$PLUMBER" watch -q --for 3s --interval 500ms --json - -- \
  sh -c 'i=0; while [ $i -lt 2000 ]; do echo "{not json $i"; i=$((i+1)); done; sleep 10' \
  >"$tmp/j.json" 2>/dev/null
python3 -c "import json,sys; d=json.load(open('$tmp/j.json')); sys.exit(0 if d['version'] == 1 else 1)" \
  && ok || bad "--json - mixed with the command's stdout: $(head -c 200 "$tmp/j.json")"

# 4. fd links unreadable: fds are still counted (a leak is not an 'ok').
if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  su nobody -s /bin/sh -c "exec python3 -c '
import time
fs = []
for i in range(400):
    fs.append(open(\"/dev/null\"))
    time.sleep(0.02)
time.sleep(30)
'" &
  jobs_started+=($!)
  sleep 1
  target=$(pgrep -n -u nobody -f "fs.append" || true)
  if [ -z "$target" ]; then
    bad "could not start the fd-holding process as nobody"
  else
    timeout 30 setpriv --inh-caps=-sys_ptrace --bounding-set=-sys_ptrace -- \
      "$PLUMBER" watch -q --for 6s --interval 250ms --json "$tmp/fd.json" --pid "$target" >/dev/null 2>"$tmp/fd.err"
    grep -q "cannot read the fd links" "$tmp/fd.err" && ok || bad "no warning about unreadable fd links: $(cat "$tmp/fd.err")"
    python3 - "$tmp/fd.json" <<'PY' && ok || bad "fds not counted when their links cannot be read"
import json, sys
d = json.load(open(sys.argv[1]))
fds = [v for v in d["series"]["fds"] if v is not None]
sys.exit(0 if fds and max(fds) > 100 and d["verdict"] == "leak" else 1)
PY
    kill "$target" 2>/dev/null
  fi
else
  bad "this check needs root, setpriv (util-linux) and a nobody user"
fi

finish
