"""`remissvar serve`: the query-encoder service and gunicorn, the service supervised.

    python -m remissvar_cli.supervise SOCKET GUNICORN-COMMAND...

(``remissvar serve`` execs this.) The encoder service (``python -m remissvar.encoder_service``)
starts first; gunicorn starts once it listens (or after ``READY_WAIT_S``: the workers embed
themselves until it does). A service that exits is started again (after 1, 2, 4 ... up to 30 s);
while it is down the workers use their own encoders (``remissvar.encoder_client``). SIGTERM or
SIGINT stop gunicorn, then the service; the exit status is gunicorn's. Standard library only:
this process stays at a few MB (it counts in the web tree's memory).
"""
from __future__ import annotations

import logging
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

log = logging.getLogger("remissvar.serve")
READY_WAIT_S = 60.0


def _start_encoder() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "remissvar.encoder_service"])


def wait_ready(path: Path, seconds: float, proc: subprocess.Popen[bytes] | None = None) -> bool:
    """True once the service listens on ``path`` (it binds after loading its model; False after
    ``seconds`` or if ``proc`` exits). A bare connect: this process stays small (no numpy)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(1.0)
                sock.connect(str(path))
            return True
        except OSError:
            if proc is not None and proc.poll() is not None:
                return False
            time.sleep(0.2)
    return False


def serve_supervised(encoder_socket: Path, gunicorn_cmd: list[str]) -> int:
    stop = threading.Event()
    encoder = _start_encoder()
    if not wait_ready(encoder_socket, READY_WAIT_S, encoder):
        log.warning("kodartjänsten svarar inte än: webbens arbetsprocesser kodar själva tills den gör det")
    web = subprocess.Popen(gunicorn_cmd)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()
        if web.poll() is None:
            web.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    backoff = 1.0
    started = time.monotonic()
    while web.poll() is None:
        if encoder.poll() is not None and not stop.is_set():
            log.warning("kodartjänsten avslutades (status %s): startas om om %.0f s", encoder.returncode, backoff)
            if stop.wait(backoff):
                break
            backoff = 1.0 if time.monotonic() - started > 60 else min(30.0, backoff * 2)
            encoder = _start_encoder()
            started = time.monotonic()
        stop.wait(0.5)
    code = web.wait()
    if encoder.poll() is None:
        encoder.terminate()
        try:
            encoder.wait(timeout=10)
        except subprocess.TimeoutExpired:
            encoder.kill()
    return code


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if len(argv) < 2:
        sys.exit("användning: python -m remissvar_cli.supervise SOCKET GUNICORN-KOMMANDO...")
    return serve_supervised(Path(argv[0]), argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
