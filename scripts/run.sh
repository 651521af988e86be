#!/usr/bin/env bash
# `make run`: the main job on this machine, through the pipeline. Starts the services,
# the recorded copies of the sites (these machines cannot reach the live ones), a
# worker and the scheduler; enqueues a crawl of every council, waits for the pipeline
# to drain, then serves http://127.0.0.1:5000 with gunicorn until stopped: Ctrl-C here, or
# `make stop` from another terminal (each process started here has a PID file in
# var/run/, which `scripts/services.sh stop` reads before it stops Elasticsearch and Redis).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
RV="$VENV/bin/remissvar"
RUN_DIR="$VAR_DIR/run"
mkdir -p "$RUN_DIR"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for name in recorded worker scheduler web; do
    # only our own PID files: another `make run` may have replaced one meanwhile
    f="$RUN_DIR/$name.pid"; [ -s "$f" ] && for p in "${pids[@]}"; do [ "$(cat "$f")" = "$p" ] && rm -f "$f"; done
  done
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# start NAME LOG CMD...: in the background, its PID recorded for `make stop`
start() {
  local name=$1 logfile=$2; shift 2
  "$@" >"$logfile" 2>&1 &
  pids+=($!)
  echo $! >"$RUN_DIR/$name.pid"
}

log "stoppa med Ctrl-C här eller med \`make stop\` i en annan terminal (stoppar allt som startas här, sedan Elasticsearch och Redis)"
start recorded "$LOG_DIR/recorded.log" "$RV" serve-recorded
start worker "$LOG_DIR/worker.log" "$RV" worker
sleep 2
"$RV" enqueue-crawl --recorded
"$RV" wait
start scheduler "$LOG_DIR/scheduler.log" "$RV" scheduler --recorded
log "Remissvar: http://127.0.0.1:${REMISSVAR_WEB_PORT:-5000} (Ctrl-C eller \`make stop\` stoppar)"
# the production server: gunicorn, workers x threads from REMISSVAR_WEB_WORKERS/_THREADS
# (2 x 4 on this 2-core machine), memory ceiling and worker recycling (web/gunicorn_conf.py),
# and the query-encoder service the workers embed queries with, restarted when it exits
# (`remissvar serve`: remissvar_cli/supervise.py; REMISSVAR_ENCODER_SERVICE=false: gunicorn alone)
"$RV" serve &
pids+=($!)
echo $! >"$RUN_DIR/web.pid"
wait "$!"
