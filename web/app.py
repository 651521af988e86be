"""The Flask app: the JSON API blueprint plus the Swedish, server-rendered pages."""
from __future__ import annotations

from flask import Flask

from remissvar.settings import Settings, get_settings
from search_api.blueprint import api
from web.views import pages


def create_app(settings: Settings | None = None) -> Flask:
    app = Flask(__name__)
    app.config["REMISSVAR_SETTINGS"] = settings or get_settings()
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.register_blueprint(api)
    app.register_blueprint(pages)
    return app


def main() -> None:
    s = get_settings()
    create_app(s).run(host=s.web_host, port=s.web_port, threaded=True)


if __name__ == "__main__":
    main()
