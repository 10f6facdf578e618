"""Settings of ``scripts/remote-session``: arguments, configuration file, password.

Part of the helper described in ``remote_session_cli.py``: the exit codes and
:class:`CliError` (shared by the other ``remote_session_*`` modules), the
command line, the connection settings (argument, else environment, else
configuration file) and the password (environment or prompt; never an
argument nor the file). Standard library only.
"""

import argparse
import configparser
import getpass
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROG = "remote-session"
ENV_PREFIX = "REMOTE_SESSION_"
PASSWORD_ENV = "REMOTE_SESSION_PASSWORD"
CONFIG_NAME = "remote-session.conf"
CONFIG_SECTION = "odoo"
# setting -> configuration file key; the environment variable is ENV_PREFIX + upper
SETTINGS = {"url": "url", "db": "database", "user": "user"}
# Configuration keys refused as secrets (exact names, and any key containing
# "password" or "passwd").
PASSWORD_KEYS = ("pass", "pwd", "pw", "secret", "api_key", "apikey", "token")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_EXISTED = 3
EXIT_AUTH = 4
EXIT_REFUSED = 5
EXIT_UNREACHABLE = 6
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = f"""\
exit codes:
  {EXIT_OK}    done; start created a new session
  {EXIT_ERROR}    anything else (unexpected error; the --exec program could not run)
  {EXIT_USAGE}    usage or configuration error
  {EXIT_EXISTED}    start found an existing session (resumed, already running, or
       --ref named a finished or cancelled one: nothing started); pause found
       nothing to pause (already paused, or never started)
  {EXIT_AUTH}    login failed or access denied
  {EXIT_REFUSED}    Odoo refused the request (validation or user error)
  {EXIT_UNREACHABLE}    cannot reach the server
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); a session timed by --exec is paused first

settings: --url/--db/--user, else REMOTE_SESSION_URL/_DB/_USER, else the [odoo]
section (url, database, user) of the configuration file. The password comes
from REMOTE_SESSION_PASSWORD or a prompt; never from arguments or the file.
"""


class CliError(Exception):
    """A failure with its exit code and a message for the user (no traceback)."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Server:
    """Where odoorpc connects: ``odoorpc.ODOO(host, protocol=..., port=...)``."""

    host: str
    port: int
    protocol: str  # jsonrpc or jsonrpc+ssl


@dataclass(frozen=True)
class Settings:
    url: str
    db: str
    user: str


# --------------------------------------------------------------- pure helpers
def parse_url(url: str) -> Server:
    """``http://localhost:8069`` -> Server("localhost", 8069, "jsonrpc").

    ``https`` means ``jsonrpc+ssl``; the default port is 80 for http, 443 for
    https, and Odoo's 8069 when the scheme is left out (``localhost:8069``).
    Paths, queries and credentials are refused: odoorpc talks to the root of
    the server, and a password never goes on the command line.
    """
    text = (url or "").strip()
    if not text:
        raise ValueError("the server URL is empty")
    has_scheme = "://" in text
    parts = urlsplit(text if has_scheme else f"http://{text}")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"{url}: use an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            f"{parts.hostname}: leave the login and password out of the URL"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{url}: give only scheme://host[:port], without a path")
    host = parts.hostname
    if not host:
        raise ValueError(f"{url}: the URL names no host")
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"{url}: the port is not a number from 1 to 65535") from error
    if port is None:
        port = {"https": 443, "http": 80}[scheme] if has_scheme else 8069
    if port == 0:
        raise ValueError(f"{url}: the port is not a number from 1 to 65535")
    if ":" in host:  # IPv6 literal: odoorpc builds "http://{host}:{port}"
        host = f"[{host}]"
    return Server(host, port, "jsonrpc+ssl" if scheme == "https" else "jsonrpc")


def default_config_path(environ: Mapping[str, str]) -> Path:
    """``$XDG_CONFIG_HOME/remote-session.conf``, else ``~/.config/...``."""
    base = environ.get("XDG_CONFIG_HOME")
    if base:
        return Path(base) / CONFIG_NAME
    home = environ.get("HOME")
    return (Path(home) if home else Path.home()) / ".config" / CONFIG_NAME


def read_config(path: Path, required: bool = False) -> dict[str, str]:
    """The ``[odoo]`` settings of ``path`` as ``{"url", "db", "user"}``.

    A missing file is fine unless ``required`` (given with --config). A file
    holding a password is refused, whatever the section.
    """
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except FileNotFoundError as error:
        if required:
            raise CliError(EXIT_USAGE, f"{path}: no such configuration file") from error
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(EXIT_USAGE, f"{path}: cannot read it ({error})") from error
    except configparser.Error as error:
        message = str(error).splitlines()[0]
        raise CliError(
            EXIT_USAGE, f"{path}: not a valid INI file: {message}"
        ) from error
    for section in [parser.default_section, *parser.sections()]:
        for key in parser[section]:
            lowered = key.lower()
            if lowered in PASSWORD_KEYS or "password" in lowered or "passwd" in lowered:
                raise CliError(
                    EXIT_USAGE,
                    f"{path} holds a password ([{section}] {key}): remove it. "
                    f"{PROG} reads the password from {PASSWORD_ENV} or asks for it.",
                )
    if not parser.has_section(CONFIG_SECTION):
        return {}
    section = parser[CONFIG_SECTION]
    return {
        name: section[key].strip()
        for name, key in SETTINGS.items()
        if section.get(key, "").strip()
    }


def resolve_settings(
    given: Mapping[str, str | None],
    environ: Mapping[str, str],
    config: Mapping[str, str],
    config_path: Path | str = "the configuration file",
) -> Settings:
    """Each of url, db, user: argument, else environment, else configuration."""
    values = {}
    for name, key in SETTINGS.items():
        env_name = f"{ENV_PREFIX}{name.upper()}"
        value = given.get(name) or environ.get(env_name) or config.get(name)
        if not value:
            raise CliError(
                EXIT_USAGE,
                f"No Odoo {name}: give --{name}, set {env_name} or add "
                f"'{key} = ...' to the [{CONFIG_SECTION}] section of {config_path}.",
            )
        values[name] = value
    return Settings(**values)


def read_password(
    environ: Mapping[str, str], prompt: Callable[[str], str] | None = None
) -> str:
    """The password from ``REMOTE_SESSION_PASSWORD``, else asked without echo."""
    password = environ.get(PASSWORD_ENV)
    if password:
        return password
    prompt = prompt or getpass.getpass
    try:
        with warnings.catch_warnings():
            # getpass falls back to an echoing prompt without a terminal: refuse.
            warnings.simplefilter("error", getpass.GetPassWarning)
            password = prompt("Odoo password: ")
    except getpass.GetPassWarning as error:
        raise CliError(
            EXIT_USAGE,
            f"No terminal to ask for the password: set {PASSWORD_ENV}.",
        ) from error
    except EOFError as error:
        raise CliError(EXIT_USAGE, "No password given.") from error
    if not password:
        raise CliError(EXIT_USAGE, "No password given.")
    return password


def refuse_password_argument(argv: list[str]) -> None:
    """A password on the command line leaks to ``ps`` and shell history."""
    for arg in argv:
        if arg == "--":
            return
        option = arg.split("=", 1)[0].lower()
        if option.startswith("--pass") or option in ("--pw", "--pwd", "-p"):
            raise CliError(
                EXIT_USAGE,
                f"{PROG} takes no password argument: set {PASSWORD_ENV} or type it "
                "at the prompt.",
            )


# ------------------------------------------------------------ command line
def build_parser() -> argparse.ArgumentParser:
    # Global options work before and after the subcommand; SUPPRESS keeps a
    # subcommand's absent option from hiding the one given before it.
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("connection")
    group.add_argument(
        "--url",
        default=argparse.SUPPRESS,
        help="Odoo server, e.g. http://localhost:8069 (env REMOTE_SESSION_URL)",
    )
    group.add_argument(
        "--db", default=argparse.SUPPRESS, help="database (env REMOTE_SESSION_DB)"
    )
    group.add_argument(
        "--user", default=argparse.SUPPRESS, help="login (env REMOTE_SESSION_USER)"
    )
    group.add_argument(
        "--config",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="INI file with an [odoo] section: url, database, user (default "
        "$XDG_CONFIG_HOME/remote-session.conf or ~/.config/remote-session.conf)",
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print the session as JSON",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks (local and server) on errors",
    )

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Start, pause and finish remote support sessions on Odoo.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub = {"formatter_class": argparse.RawDescriptionHelpFormatter}

    start = commands.add_parser(
        "start",
        parents=[common],
        help="start or resume the session of a customer",
        description="Start (or resume) your session for a customer and open its "
        "remote tool. With --exec, run the tool, wait for it to exit, then pause.",
        epilog=EXIT_CODES_HELP,
        **sub,
    )
    start.add_argument("--customer", required=True, help="customer name (or id)")
    start.add_argument("--tool", help="remote tool, e.g. anydesk, rustdesk, ssh")
    start.add_argument("--product", help="service product (internal reference)")
    start.add_argument(
        "--ref",
        metavar="KEY",
        help="your idempotency key: sending it again finds the same session",
    )
    start.add_argument(
        "--exec",
        metavar="COMMAND",
        help='program to run while the clock runs, e.g. "anydesk 123 456 789"',
    )
    start.add_argument(
        "--no-open",
        action="store_true",
        help="do not open the tool's link with the desktop handler",
    )

    for name, text in (
        ("status", "show a session and what billing it now gives"),
        ("pause", "pause your running session"),
        ("finish", "stop the clock and bill the session"),
    ):
        command = commands.add_parser(
            name, parents=[common], help=text, epilog=EXIT_CODES_HELP, **sub
        )
        command.add_argument(
            "--session",
            type=session_reference,
            metavar="REF",
            help="session reference (RS/2026/00007) or id (default: your "
            "running, else last paused, one)",
        )
    return parser


def session_reference(text: str) -> int | str:
    """``--session``: an id (``7``) or the reference everyone sees
    (``RS/2026/00007``)."""
    value = text.strip()
    if not value or value.strip("0") == "":
        raise argparse.ArgumentTypeError("give a session reference or id")
    return int(value) if value.isdigit() else value


def load_settings(args, environ: Mapping[str, str]) -> Settings:
    given_path = getattr(args, "config", None)
    path = Path(given_path) if given_path else default_config_path(environ)
    config = read_config(path, required=bool(given_path))
    given = {name: getattr(args, name, None) for name in SETTINGS}
    settings = resolve_settings(given, environ, config, path)
    try:
        parse_url(settings.url)
    except ValueError as error:
        raise CliError(EXIT_USAGE, f"Bad server URL: {error}") from error
    return settings
