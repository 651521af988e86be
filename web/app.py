"""The Flask app: the JSON API blueprint plus the Swedish, server-rendered pages."""
from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from remissvar.settings import Settings, get_settings
from search_api.blueprint import api
from search_api.search.models import BusyError
from web.admission import BUSY
from web.admission import ENVIRON_KEY as ADMISSION_KEY
from web.security import install as install_security
from web.views import pages

log = logging.getLogger(__name__)

ERRORS = {
    400: ("Felaktig förfrågan", "Förfrågan kunde inte tolkas."),
    403: ("Åtkomst nekad", "Du saknar behörighet för den här åtgärden."),
    404: ("Sidan finns inte", "Sidan eller dokumentet du söker finns inte i arkivet. Länken kan vara felskriven "
          "eller dokumentet borttaget."),
    405: ("Metoden stöds inte", "Sidan kan inte nås på det sättet."),
    413: ("För stor förfrågan", "Förfrågan är för stor."),
    414: ("För lång adress", "Adressen är för lång."),
    500: ("Något gick fel", "Ett oväntat fel uppstod hos oss. Försök igen om en stund."),
}


def _error(code: int) -> ResponseReturnValue:
    heading, message = ERRORS.get(code, ERRORS[500] if code >= 500 else ERRORS[400])
    if request.path.startswith("/api/"):
        resp: Response = jsonify({"error": message})
        return resp, code
    return render_template("error.html", heading=heading, message=message), code


def create_app(settings: Settings | None = None) -> Flask:
    app = Flask(__name__)
    app.config["REMISSVAR_SETTINGS"] = settings or get_settings()
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.register_blueprint(api)
    app.register_blueprint(pages)
    install_security(app)  # headers, request-size limit, no Host-built redirects (web/security.py)

    @app.before_request
    def _admission() -> None:
        # the gunicorn worker refused this request for its cost (web/admission.py): a 503
        # with Retry-After, answered here so that it has the site's headers and language
        if request.environ.get(ADMISSION_KEY) == BUSY:
            raise BusyError("Många sökningar just nu: försök igen om några sekunder.")

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> ResponseReturnValue:
        return _error(e.code or 500)

    @app.errorhandler(BusyError)
    def _busy(e: BusyError) -> ResponseReturnValue:
        if request.path.startswith("/api/"):
            resp: Response = jsonify({"error": str(e)})
        else:
            resp = make_response(render_template("error.html", heading="Många sökningar just nu", message=str(e)))
        resp.status_code = 503
        resp.headers["Retry-After"] = str(e.retry_after)
        return resp

    @app.errorhandler(Exception)
    def _server_error(e: Exception) -> ResponseReturnValue:
        log.exception("fel i %s", request.path)
        return _error(500)

    return app


def main() -> None:
    s = get_settings()
    create_app(s).run(host=s.web_host, port=s.web_port, threaded=True)


if __name__ == "__main__":
    main()
