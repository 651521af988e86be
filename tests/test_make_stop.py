"""`make stop` stops what `make run` started (issue 28): the web server, worker, scheduler and
recorded sites have PID files in var/run/, and `scripts/services.sh stop` ends each of them
before Elasticsearch and Redis - but never a process that merely reuses a recorded PID.
Run against a var directory of its own (REMISSVAR_VAR_DIR): the real services are untouched."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _alive(p: subprocess.Popen[bytes]) -> bool:
    return p.poll() is None


def test_stop_ends_what_make_run_recorded_and_nothing_else(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    # stand-ins with the command lines make run's processes have
    ours = {name: subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", f"remissvar-{name}"])
            for name in ("web", "worker", "scheduler", "recorded")}
    stranger = subprocess.Popen(["sleep", "120"])  # a PID file pointing at someone else's process
    try:
        for name, p in ours.items():
            (run / f"{name}.pid").write_text(f"{p.pid}\n")
        (run / "gammal.pid").write_text(f"{stranger.pid}\n")
        (run / "borta.pid").write_text("999999\n")  # a process that has ended
        env = {**os.environ, "REMISSVAR_VAR_DIR": str(tmp_path)}
        out = subprocess.run(["bash", str(ROOT / "scripts/services.sh"), "stop"], env=env, capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in ours.values()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [n for n, p in ours.items() if _alive(p)], out.stderr
        assert _alive(stranger), out.stderr
        assert sorted(run.iterdir()) == []
        assert "stoppar web" in out.stderr and "lämnas" in out.stderr
    finally:
        for p in [*ours.values(), stranger]:
            if _alive(p):
                p.kill()
            p.wait(5)


def test_make_run_records_its_processes_and_says_how_to_stop():
    script = (ROOT / "scripts/run.sh").read_text(encoding="utf-8")
    for name in ("recorded", "worker", "scheduler", "web"):
        assert f'"$RUN_DIR/{name}.pid"' in script or f"start {name} " in script, name
    assert "make stop" in script
