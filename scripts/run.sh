#!/usr/bin/env bash
# `make run`: the main job on this machine, through the pipeline. Starts the services,
# the recorded copies of the sites (these machines cannot reach the live ones), a
# worker and the scheduler; enqueues a crawl of every council, waits for the pipeline
# to drain, then serves http://127.0.0.1:5000 with gunicorn until stopped (Ctrl-C stops everything).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
RV="$VENV/bin/remissvar"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

"$RV" serve-recorded >"$LOG_DIR/recorded.log" 2>&1 & pids+=($!)
"$RV" worker >"$LOG_DIR/worker.log" 2>&1 & pids+=($!)
sleep 2
"$RV" enqueue-crawl --recorded
"$RV" wait
"$RV" scheduler --recorded >"$LOG_DIR/scheduler.log" 2>&1 & pids+=($!)
log "Remissvar: http://127.0.0.1:${REMISSVAR_WEB_PORT:-5000} (Ctrl-C stoppar)"
# the production server: gunicorn, workers x threads from REMISSVAR_WEB_WORKERS/_THREADS
# (2 x 4 on this 2-core machine), memory ceiling and worker recycling (web/gunicorn_conf.py),
# and the query-encoder service the workers embed queries with, restarted when it exits
# (`remissvar serve`: remissvar_cli/supervise.py; REMISSVAR_ENCODER_SERVICE=false: gunicorn alone)
"$RV" serve
