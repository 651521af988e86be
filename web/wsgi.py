"""The WSGI entry point for production servers: ``gunicorn -c web/gunicorn_conf.py web.wsgi:app``."""
from __future__ import annotations

from web.app import create_app

app = create_app()
