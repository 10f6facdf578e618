"""remote-session: drive remote support sessions on an Odoo server from a shell.

The logic behind ``scripts/remote-session``. It talks JSON-RPC through odoorpc
to the ``cli_*`` methods of ``service.remote.session`` (addon
service_remote_timer)::

    remote-session start --customer "Acme" --tool anydesk --exec "anydesk 123456789"
    remote-session status [--session REF]
    remote-session pause [--session REF]
    remote-session finish [--session REF]

``--session`` names a session by the reference everyone sees
(``RS/2026/00007``) or by its id; without it, your running (else last
paused) session.

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
       or ``--ref KEY`` names a finished or cancelled one: nothing started);
       ``pause`` found nothing to pause (already paused, or never started)
  4    login failed or access denied
  5    Odoo refused the request (validation or user error); its message is shown
  6    cannot reach the server
  130  interrupted (Ctrl-C); a session timed by --exec is paused first

Everything but :func:`main`'s network part is plain Python (standard library
only), so it is unit-tested without odoorpc and without a database.
"""

# The helper is split by concern into sibling modules; this one keeps the
# commands (App) and main, and re-exports the public names of the others, so
# ``from remote_session_cli import X`` works for all of them:
#   remote_session_config  exit codes, CliError, arguments, settings, password
#   remote_session_rpc     odoorpc, connection and calls, errors -> exit codes
#   remote_session_run     the --exec program, signals, the pause after it
#   remote_session_format  what is printed about a session
# They import each other by name: the directory scripts/ must be on sys.path
# (scripts/remote-session puts it there).

import json
import os
import sys
import traceback
from collections.abc import Mapping

from remote_session_config import (
    CONFIG_NAME,
    CONFIG_SECTION,
    ENV_PREFIX,
    EXIT_AUTH,
    EXIT_CODES_HELP,
    EXIT_ERROR,
    EXIT_EXISTED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    PASSWORD_ENV,
    PASSWORD_KEYS,
    PROG,
    SETTINGS,
    CliError,
    Server,
    Settings,
    build_parser,
    default_config_path,
    load_settings,
    parse_url,
    read_config,
    read_password,
    refuse_password_argument,
    resolve_settings,
    session_reference,
)
from remote_session_format import (
    START_STATUS,
    describe_payload,
    format_elapsed,
    format_figures,
    format_finished,
    format_pause,
    format_paused,
    format_start,
    format_started,
    format_status,
)
from remote_session_rpc import (
    AUTH_ERRORS,
    MODEL,
    REFUSED_ERRORS,
    TIMEOUT,
    ConnectionMixin,
    classify_error,
    import_odoorpc,
    is_rpc_error,
    server_error,
)
from remote_session_run import (
    ProgramMixin,
    child_environment,
    hide_password_from_children,
    opener_command,
    split_command,
)

__all__ = [
    "AUTH_ERRORS",
    "App",
    "CONFIG_NAME",
    "CONFIG_SECTION",
    "CliError",
    "ConnectionMixin",
    "ENV_PREFIX",
    "EXIT_AUTH",
    "EXIT_CODES_HELP",
    "EXIT_ERROR",
    "EXIT_EXISTED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_UNREACHABLE",
    "EXIT_USAGE",
    "MODEL",
    "PASSWORD_ENV",
    "PASSWORD_KEYS",
    "PROG",
    "ProgramMixin",
    "REFUSED_ERRORS",
    "SETTINGS",
    "START_STATUS",
    "Server",
    "Settings",
    "TIMEOUT",
    "build_parser",
    "child_environment",
    "hide_password_from_children",
    "classify_error",
    "default_config_path",
    "describe_payload",
    "format_elapsed",
    "format_figures",
    "format_finished",
    "format_pause",
    "format_paused",
    "format_start",
    "format_started",
    "format_status",
    "import_odoorpc",
    "is_rpc_error",
    "load_settings",
    "main",
    "opener_command",
    "parse_url",
    "read_config",
    "read_password",
    "refuse_password_argument",
    "resolve_settings",
    "server_error",
    "session_reference",
    "split_command",
]


class App(ConnectionMixin, ProgramMixin):
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

    # ------------------------------------------------------------ commands
    def run(self) -> int:
        command = self.args.command
        argv = split_command(self.args.exec) if getattr(self.args, "exec", None) else []
        self.connect(load_settings(self.args, self.environ))
        if command == "start":
            return self.start(argv)
        session = getattr(self.args, "session", None) or False
        if command == "status":
            kwargs = {"session_id": session} if session else {}
            payload = self.call("cli_status", **kwargs)
            self.emit(payload)
            for line in format_status(payload):
                self.say(line)
            return EXIT_OK
        if command == "pause":
            payload = self.call("cli_pause", session_id=session)
            self.emit(payload)
            line, code = format_pause(payload)
            self.say(line)
            return code
        payload = self.call("cli_finish", session_id=session)
        self.emit(payload)
        for line in format_finished(payload):
            self.say(line)
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
        for line in format_started(payload):  # the session it paused, if any
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


def main(argv=None, environ=None, stdout=None, stderr=None, rpc=None) -> int:
    """Run the helper; returns the exit code (see the module docstring).

    ``rpc`` replaces the odoorpc module (tests pass a fake one).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if environ is None:  # the real process: keep the password in memory only
        environ = dict(os.environ)
        hide_password_from_children()
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
