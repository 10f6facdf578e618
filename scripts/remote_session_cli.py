"""remote-session: drive remote support sessions on an Odoo server from a shell.

The logic behind ``scripts/remote-session``. It talks JSON-RPC through odoorpc
to the ``cli_*`` methods of ``service.remote.session`` (addon
service_remote_timer)::

    remote-session start --customer "Acme" --tool anydesk --exec "anydesk 123456789"
    remote-session status
    remote-session pause [--session ID]
    remote-session finish [--session ID]

Connection settings come from the command line (``--url``, ``--db``,
``--user``), else from the environment (``REMOTE_SESSION_URL``,
``REMOTE_SESSION_DB``, ``REMOTE_SESSION_USER``), else from the ``[odoo]``
section (keys ``url``, ``database``, ``user``) of the configuration file:
``--config PATH``, default ``$XDG_CONFIG_HOME/remote-session.conf`` or
``~/.config/remote-session.conf``.

The password is read from ``REMOTE_SESSION_PASSWORD`` or asked for without
echo. It is never accepted as an argument nor from the configuration file, and
never printed or written anywhere.

Exit codes:
  0    done; ``start`` created a new session
  1    anything else (unexpected error; the program given to --exec could not run)
  2    usage or configuration error
  3    ``start`` found an existing session (resumed it, it was already running,
       or ``--ref KEY`` names a finished or cancelled one: nothing started)
  4    login failed or access denied
  5    Odoo refused the request (validation or user error); its message is shown
  6    cannot reach the server
  130  interrupted (Ctrl-C); a session timed by --exec is paused first

Everything but :func:`main`'s network part is plain Python (standard library
only), so it is unit-tested without odoorpc and without a database.
"""

import argparse
import configparser
import getpass
import json
import os
import shlex
import signal
import subprocess
import sys
import traceback
import urllib.error
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROG = "remote-session"
MODEL = "service.remote.session"
ENV_PREFIX = "REMOTE_SESSION_"
PASSWORD_ENV = "REMOTE_SESSION_PASSWORD"
CONFIG_NAME = "remote-session.conf"
CONFIG_SECTION = "odoo"
# setting -> configuration file key; the environment variable is ENV_PREFIX + upper
SETTINGS = {"url": "url", "db": "database", "user": "user"}
# Configuration keys refused as secrets (exact names, and any key containing
# "password" or "passwd").
PASSWORD_KEYS = ("pass", "pwd", "pw", "secret", "api_key", "apikey", "token")
TIMEOUT = 120.0

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
       --ref named a finished or cancelled one: nothing started)
  {EXIT_AUTH}    login failed or access denied
  {EXIT_REFUSED}    Odoo refused the request (validation or user error)
  {EXIT_UNREACHABLE}    cannot reach the server
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); a session timed by --exec is paused first

settings: --url/--db/--user, else REMOTE_SESSION_URL/_DB/_USER, else the [odoo]
section (url, database, user) of the configuration file. The password comes
from REMOTE_SESSION_PASSWORD or a prompt; never from arguments or the file.
"""

# Server exception classes (last part of ``error.data.name``) -> exit code.
AUTH_ERRORS = frozenset({"AccessDenied", "AccessError", "SessionExpiredException"})
REFUSED_ERRORS = frozenset(
    {"ValidationError", "UserError", "MissingError", "RedirectWarning"}
)
START_STATUS = {
    "created": ("Started", EXIT_OK),
    "resumed": ("Resumed", EXIT_EXISTED),
    "running": ("Already running:", EXIT_EXISTED),
}


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


def format_elapsed(seconds) -> str:
    """``3599`` -> ``"0:59:59"``; hours are not capped at 24."""
    try:
        seconds = max(int(seconds or 0), 0)
    except (TypeError, ValueError):
        seconds = 0
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


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


def describe_payload(payload: Mapping) -> str:
    """``RS/2026/00004 for Acme Industries``."""
    name = payload.get("name") or f"session {payload.get('id')}"
    partner = payload.get("partner")
    return f"{name} for {partner}" if partner else str(name)


def format_start(payload: Mapping) -> tuple[str, int]:
    """The line that says what ``start`` did, and its exit code.

    A ``--ref`` naming a finished or cancelled session finds it again (3,
    it exists already), but its clock cannot run: no program is run.
    """
    state = payload.get("state")
    if state != "running":
        order = payload.get("sale_order")
        billed = f" (billed on {order})" if order else ""
        return (
            f"{describe_payload(payload)} is {state or 'closed'}{billed}: it exists "
            "already and its clock did not start; use a new --ref for a new session.",
            EXIT_EXISTED,
        )
    verb, code = START_STATUS.get(payload.get("status"), ("Started", EXIT_OK))
    return f"{verb} {describe_payload(payload)}", code


def format_status(payload: Mapping) -> list[str]:
    if not payload.get("id"):
        return ["No running or paused session."]
    lines = [
        f"{describe_payload(payload)}: {payload.get('state')}, "
        f"{format_elapsed(payload.get('elapsed_seconds'))}"
    ]
    if "amount" in payload:
        unit = payload.get("unit") or ""
        amount = float(payload.get("amount") or 0.0)
        lines.append(
            f"Billable {float(payload.get('billable') or 0.0):.2f} {unit}, covered by "
            f"the quota {float(payload.get('covered') or 0.0):.2f}, amount "
            f"{amount:.2f} {payload.get('currency') or ''}".rstrip()
        )
    return lines


def format_paused(payload: Mapping) -> str:
    clock = format_elapsed(payload.get("elapsed_seconds"))
    return f"Paused {describe_payload(payload)} at {clock}"


def format_finished(payload: Mapping) -> str:
    clock = format_elapsed(payload.get("elapsed_seconds"))
    line = f"Finished {describe_payload(payload)}: {clock} on the clock"
    order = payload.get("sale_order")
    return f"{line}, billed on {order}" if order else line


def split_command(text: str) -> list[str]:
    """``--exec`` as an argument list (shlex, never a shell)."""
    try:
        argv = shlex.split(text)
    except ValueError as error:
        raise CliError(EXIT_USAGE, f"--exec: {error}") from error
    if not argv:
        raise CliError(EXIT_USAGE, "--exec: no program given")
    return argv


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


def child_environment() -> dict[str, str]:
    """The environment of the programs the helper starts: without the password."""
    return {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}


def opener_command(url: str, platform: str) -> list[str] | None:
    """The desktop command that opens ``url`` with its registered handler."""
    if platform.startswith("win"):
        return None  # os.startfile
    if platform == "darwin":
        return ["open", url]
    return ["xdg-open", url]


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

    commands.add_parser(
        "status",
        parents=[common],
        help="show your running (else last paused) session",
        epilog=EXIT_CODES_HELP,
        **sub,
    )
    for name, text in (
        ("pause", "pause your running session"),
        ("finish", "stop the clock and bill the session"),
    ):
        command = commands.add_parser(
            name, parents=[common], help=text, epilog=EXIT_CODES_HELP, **sub
        )
        command.add_argument(
            "--session",
            type=int,
            metavar="ID",
            help="session id (default: your running, else last paused, one)",
        )
    return parser


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


class App:
    """One run of the helper: output streams, the connection, the commands."""

    def __init__(self, args, environ, stdout, stderr, rpc=None, platform=None):
        self.args = args
        self.environ = environ
        self.stdout = stdout
        self.stderr = stderr
        self.rpc = rpc
        self.platform = platform or sys.platform
        self.json = bool(getattr(args, "json", False))
        self.odoo = None

    # ------------------------------------------------------------ plumbing
    def say(self, line: str) -> None:
        if not self.json:
            print(line, file=self.stdout, flush=True)

    def warn(self, line: str) -> None:
        print(f"{PROG}: {line}", file=self.stderr, flush=True)

    def emit(self, payload: Mapping) -> None:
        if self.json:
            print(json.dumps(payload, sort_keys=True), file=self.stdout, flush=True)

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

    # ------------------------------------------------------------ commands
    def run(self) -> int:
        command = self.args.command
        argv = split_command(self.args.exec) if getattr(self.args, "exec", None) else []
        self.connect(load_settings(self.args, self.environ))
        if command == "start":
            return self.start(argv)
        if command == "status":
            payload = self.call("cli_status")
            self.emit(payload)
            for line in format_status(payload):
                self.say(line)
            return EXIT_OK
        if command == "pause":
            payload = self.call("cli_pause", session_id=self.args.session or False)
            self.emit(payload)
            self.say(format_paused(payload))
            return EXIT_OK
        payload = self.call("cli_finish", session_id=self.args.session or False)
        self.emit(payload)
        self.say(format_finished(payload))
        return EXIT_OK

    def start(self, argv: list[str]) -> int:
        args = self.args
        payload = self.call(
            "cli_start",
            customer=args.customer,
            tool=args.tool or False,
            product=args.product or False,
            reference=args.ref or False,
        )
        line, code = format_start(payload)
        if payload.get("state") != "running":  # closed: print it, run nothing
            self.emit(payload)
            raise CliError(code, line)
        self.say(line)
        if argv:
            return self.run_program(payload, argv, code)
        url = payload.get("url")
        if url:
            if args.no_open or not self.open_url(url):
                self.say(f"Link: {url}")
            else:
                self.say(f"Opened {url}")
        self.emit(payload)
        return code

    def open_url(self, url: str) -> bool:
        """Hand ``url`` to the desktop (``anydesk:...`` has its own handler)."""
        command = opener_command(url, self.platform)
        try:
            if command is None:
                os.startfile(url)  # noqa: S606 (Windows only)
            else:
                subprocess.Popen(
                    command,
                    env=child_environment(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
        except OSError as error:
            self.warn(f"cannot open the link ({error.strerror or error}).")
            return False
        return True

    def run_program(self, payload: Mapping, argv: list[str], code: int) -> int:
        """Run ``argv`` while the clock runs; pause when it ends, fails or is cut."""
        session_id = payload["id"]
        self.say(f"Running {shlex.join(argv)}; the clock runs until it exits.")
        # With --json, stdout carries only the JSON document.
        output = None
        if self.json:
            try:
                output = self.stderr.fileno()
            except (AttributeError, ValueError, OSError):
                output = subprocess.DEVNULL
        try:
            process = subprocess.Popen(argv, stdout=output, env=child_environment())
        except OSError as error:
            paused = self.pause_after(session_id)
            reason = error.strerror or str(error)
            raise CliError(
                EXIT_ERROR,
                f"Cannot run {argv[0]}: {reason}. {format_paused(paused)}.",
            ) from error
        interrupted = False
        previous = self.trap_signals()
        try:
            returncode = process.wait()
        except KeyboardInterrupt:
            interrupted = True
            returncode = self.stop_program(process)
        finally:
            self.restore_signals(previous)
        paused = self.pause_after(session_id)
        result = {
            **payload,
            **paused,
            "status": payload.get("status"),
            "url": payload.get("url"),
            "program": {"argv": argv, "returncode": returncode},
        }
        if returncode:
            self.say(f"{argv[0]} exited with status {returncode}.")
        self.say(format_paused(paused))
        self.emit(result)
        if interrupted:
            self.warn("interrupted; the session is paused.")
            return EXIT_INTERRUPTED
        return code

    def pause_after(self, session_id: int) -> dict:
        try:
            return self.call("cli_pause", session_id=session_id)
        except Exception as error:
            code, message = classify_error(error)
            if code in (EXIT_UNREACHABLE, EXIT_ERROR, EXIT_INTERRUPTED):
                message = (
                    f"{message} The session (id {session_id}) may still be running: "
                    f"pause it in Odoo or with '{PROG} pause --session {session_id}'."
                )
            raise CliError(code, message) from error

    @staticmethod
    def stop_program(process, grace: float = 5.0) -> int:
        """After Ctrl-C (which the program got too): let it end, else end it."""
        for stop in (None, process.terminate, process.kill):
            if stop:
                stop()
            try:
                return process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            except KeyboardInterrupt:
                continue
        return process.wait()

    @staticmethod
    def trap_signals() -> dict:
        """SIGTERM/SIGHUP while the program runs: act as Ctrl-C (pause, exit)."""

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        previous = {}
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                try:
                    previous[number] = signal.signal(number, interrupt)
                except ValueError:  # not the main thread
                    pass
        return previous

    @staticmethod
    def restore_signals(previous: dict) -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)


def main(argv=None, environ=None, stdout=None, stderr=None, rpc=None) -> int:
    """Run the helper; returns the exit code (see the module docstring).

    ``rpc`` replaces the odoorpc module (tests pass a fake one).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    environ = os.environ if environ is None else environ
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        refuse_password_argument(argv)
    except CliError as error:
        print(f"{PROG}: {error.message}", file=stderr)
        return error.code
    args = build_parser().parse_args(argv)  # SystemExit(2) on usage errors
    debug = bool(getattr(args, "debug", False))
    app = App(args, environ, stdout, stderr, rpc=rpc)
    try:
        return app.run()
    except (Exception, KeyboardInterrupt) as error:
        code, message = classify_error(error)
        if debug:
            traceback.print_exc(file=stderr)
            info = getattr(error, "info", None) or getattr(
                error.__cause__, "info", None
            )
            if isinstance(info, Mapping) and isinstance(info.get("data"), Mapping):
                print(info["data"].get("debug", ""), file=stderr)
        print(f"{PROG}: {message}", file=stderr)
        return code
