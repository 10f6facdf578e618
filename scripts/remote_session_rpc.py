"""The Odoo side of ``scripts/remote-session``: odoorpc, its calls, exit codes.

Part of the helper described in ``remote_session_cli.py``: which failure maps
to which exit code (:func:`classify_error`, plain Python, odoorpc not needed),
loading odoorpc, and :class:`ConnectionMixin`, the connection and the calls of
``remote_session_cli.App``.
"""

import json
import sys
import urllib.error
from collections.abc import Mapping

from remote_session_config import (
    EXIT_AUTH,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    PROG,
    CliError,
    Settings,
    parse_url,
    read_password,
)

MODEL = "service.remote.session"
TIMEOUT = 120.0

# Server exception classes (last part of ``error.data.name``) -> exit code.
AUTH_ERRORS = frozenset({"AccessDenied", "AccessError", "SessionExpiredException"})
REFUSED_ERRORS = frozenset(
    {"ValidationError", "UserError", "MissingError", "RedirectWarning"}
)


def server_error(info) -> tuple[str, str]:
    """``(exception class name, message)`` of an odoorpc RPCError's ``info``."""
    data = info.get("data") if isinstance(info, Mapping) else None
    if not isinstance(data, Mapping):
        return "", ""
    name = str(data.get("name") or "").rsplit(".", 1)[-1]
    message = data.get("message")
    if not message and data.get("arguments"):
        message = data["arguments"][0]
    return name, str(message or "").strip()


def is_rpc_error(error: BaseException) -> bool:
    """odoorpc's RPCError (without importing odoorpc): it carries ``info``.

    ``info`` is the server's JSON-RPC error dict, or False when odoorpc raised
    it itself. (urllib's HTTPError has an ``info()`` method: not this.)
    """
    names = {cls.__name__ for cls in type(error).__mro__}
    info = getattr(error, "info", None)
    return "RPCError" in names or (info is not None and not callable(info))


def classify_error(error: BaseException) -> tuple[int, str]:
    """The exit code and the user's message for any failure."""
    if isinstance(error, CliError):
        return error.code, error.message
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "Interrupted."
    if isinstance(error, urllib.error.HTTPError):
        return (
            EXIT_UNREACHABLE,
            f"The server answered HTTP {error.code} {error.reason}.",
        )
    if isinstance(error, urllib.error.URLError):
        reason = getattr(error.reason, "strerror", None) or error.reason
        return EXIT_UNREACHABLE, f"Cannot reach the server: {reason}."
    if isinstance(error, ConnectionError | TimeoutError):
        reason = error.strerror or str(error) or error.__class__.__name__
        return EXIT_UNREACHABLE, f"Cannot reach the server: {reason}."
    if isinstance(error, json.JSONDecodeError):
        return EXIT_UNREACHABLE, "The server did not answer JSON-RPC: is it Odoo?"
    if is_rpc_error(error):
        name, message = server_error(error.info)
        if not name:  # raised by odoorpc itself: "Wrong login ID or password"
            return EXIT_AUTH, str(error) or "Login failed."
        message = message or str(error)
        if name in AUTH_ERRORS:
            return EXIT_AUTH, message or "Access denied."
        if name in REFUSED_ERRORS:
            return EXIT_REFUSED, message
        return EXIT_ERROR, f"Odoo server error ({name}): {message}"
    return EXIT_ERROR, f"{error.__class__.__name__}: {error}"


def import_odoorpc():
    try:
        import odoorpc
    except ImportError as error:
        raise CliError(
            EXIT_ERROR,
            f"{PROG} needs the odoorpc package, which {sys.executable} lacks: run "
            "it with the project's virtualenv (.venv/bin/python "
            "scripts/remote-session ...) or pip install odoorpc.",
        ) from error
    return odoorpc


class ConnectionMixin:
    """``App``'s connection to Odoo: log in (asking the password), then call.

    Uses ``self.rpc`` (the odoorpc module, None to import it) and
    ``self.environ``; sets ``self.odoo``.
    """

    def connect(self, settings: Settings) -> None:
        rpc = self.rpc or import_odoorpc()
        server = parse_url(settings.url)
        # Reach the server before asking for the password.
        odoo = rpc.ODOO(
            server.host, protocol=server.protocol, port=server.port, timeout=TIMEOUT
        )
        password = read_password(self.environ)
        try:
            odoo.login(settings.db, settings.user, password)
        except Exception as error:
            code, message = classify_error(error)
            if code != EXIT_AUTH:
                raise
            raise CliError(
                EXIT_AUTH,
                f"Login as {settings.user} on {settings.db} failed: {message}",
            ) from error
        self.odoo = odoo

    def call(self, method: str, **kwargs):
        return self.odoo.execute_kw(MODEL, method, [], kwargs)
