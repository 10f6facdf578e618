"""Database-free checks of the ``scripts/remote-session`` helper.

The pure parts (URL, settings, password, exit codes, output) are tested
directly; the command flow runs against a fake odoorpc that records calls.
"""

import getpass
import importlib.util
import io
import json
import shlex
import subprocess
import sys
import types
import urllib.error
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "remote-session"


def _load():
    path = ROOT / "scripts" / "remote_session_cli.py"
    spec = importlib.util.spec_from_file_location("remote_session_cli", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


cli = _load()

EXIT_CODES = {
    0: "created",
    1: "anything else",
    2: "usage",
    3: "existing session",
    4: "login failed",
    5: "refused",
    6: "cannot reach",
    130: "interrupted",
}
ENV = {
    "REMOTE_SESSION_URL": "http://odoo.test:8069",
    "REMOTE_SESSION_DB": "prod",
    "REMOTE_SESSION_USER": "tech",
    "REMOTE_SESSION_PASSWORD": "s3cret-pw",
    "XDG_CONFIG_HOME": "/nonexistent-config-home",
}


# ------------------------------------------------------------------- URLs
@pytest.mark.parametrize(
    ("url", "host", "port", "protocol"),
    [
        ("http://localhost:8069", "localhost", 8069, "jsonrpc"),
        ("http://localhost:8069/", "localhost", 8069, "jsonrpc"),
        ("https://odoo.example.com", "odoo.example.com", 443, "jsonrpc+ssl"),
        ("https://odoo.example.com:8443", "odoo.example.com", 8443, "jsonrpc+ssl"),
        ("http://odoo.example.com", "odoo.example.com", 80, "jsonrpc"),
        ("HTTP://Odoo.Example.com:8069", "odoo.example.com", 8069, "jsonrpc"),
        ("localhost:8070", "localhost", 8070, "jsonrpc"),
        ("odoo.lan", "odoo.lan", 8069, "jsonrpc"),
        ("  http://10.0.0.5:8069  ", "10.0.0.5", 8069, "jsonrpc"),
        ("http://[::1]:8069", "[::1]", 8069, "jsonrpc"),
    ],
)
def test_parse_url(url, host, port, protocol):
    assert cli.parse_url(url) == cli.Server(host, port, protocol)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        (None, "empty"),
        ("ftp://odoo.test", "http:// or https://"),
        ("http://tech:pw@odoo.test", "login and password"),
        ("http://odoo.test/odoo/action-12", "without a path"),
        ("http://odoo.test?db=prod", "without a path"),
        ("http://odoo.test:http", "port"),
        ("http://odoo.test:0", "port"),
        ("http://odoo.test:70000", "port"),
        ("http://:8069", "no host"),
    ],
)
def test_parse_url_refuses(url, reason):
    with pytest.raises(ValueError, match=reason) as error:
        cli.parse_url(url)
    assert "pw@" not in str(error.value)


# --------------------------------------------------------------- settings
def write_config(tmp_path, text, name="remote-session.conf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_config_path_follows_xdg(tmp_path):
    environ = {"XDG_CONFIG_HOME": str(tmp_path), "HOME": "/home/tech"}
    assert cli.default_config_path(environ) == tmp_path / "remote-session.conf"
    expected = Path("/home/tech/.config/remote-session.conf")
    assert cli.default_config_path({"HOME": "/home/tech"}) == expected


def test_read_config(tmp_path):
    path = write_config(
        tmp_path,
        "[odoo]\nurl = http://cfg:8069\ndatabase = cfgdb\nuser = cfguser\n"
        "[other]\nnote = 100%\n",
    )
    assert cli.read_config(path) == {
        "url": "http://cfg:8069",
        "db": "cfgdb",
        "user": "cfguser",
    }
    assert cli.read_config(write_config(tmp_path, "[misc]\na = 1\n", "b.conf")) == {}


def test_missing_config_file_matters_only_when_named(tmp_path):
    assert cli.read_config(tmp_path / "absent.conf") == {}
    with pytest.raises(cli.CliError, match="no such configuration file") as error:
        cli.read_config(tmp_path / "absent.conf", required=True)
    assert error.value.code == 2


@pytest.mark.parametrize(
    "text",
    [
        "[odoo]\nurl = http://x\npassword = hunter2\n",
        "[odoo]\nPassword = hunter2\n",
        "[odoo]\nadmin_passwd = hunter2\n",
        "[odoo]\npass = hunter2\n",
        "[DEFAULT]\npassword = hunter2\n[odoo]\nurl = http://x\n",
        "[elsewhere]\nodoo_password = hunter2\n",
    ],
)
def test_password_in_config_file_is_refused(tmp_path, text):
    path = write_config(tmp_path, text)
    with pytest.raises(cli.CliError) as error:
        cli.read_config(path)
    assert error.value.code == 2
    assert "remove it" in error.value.message
    assert "REMOTE_SESSION_PASSWORD" in error.value.message
    assert "hunter2" not in error.value.message


def test_broken_config_file_does_not_show_its_lines(tmp_path):
    path = write_config(tmp_path, "secret hunter2 without section\n")
    with pytest.raises(cli.CliError) as error:
        cli.read_config(path)
    assert error.value.code == 2
    assert "hunter2" not in error.value.message


def test_settings_precedence_args_then_env_then_config():
    config = {"url": "http://cfg", "db": "cfgdb", "user": "cfguser"}
    environ = {"REMOTE_SESSION_URL": "http://env", "REMOTE_SESSION_DB": "envdb"}
    given = {"url": "http://arg", "db": None, "user": None}
    settings = cli.resolve_settings(given, environ, config)
    assert settings == cli.Settings("http://arg", "envdb", "cfguser")
    assert cli.resolve_settings({}, {}, config) == cli.Settings(
        "http://cfg", "cfgdb", "cfguser"
    )


def test_missing_setting_says_where_to_give_it():
    with pytest.raises(cli.CliError) as error:
        cli.resolve_settings({"url": "http://a"}, {}, {}, "/cfg/remote-session.conf")
    assert error.value.code == 2
    for hint in ("--db", "REMOTE_SESSION_DB", "database", "/cfg/remote-session.conf"):
        assert hint in error.value.message


def test_load_settings_from_the_command_line_and_a_config_file(tmp_path):
    path = write_config(
        tmp_path, "[odoo]\nurl = http://cfg:8069\ndatabase = cfgdb\nuser = cfguser\n"
    )
    parser = cli.build_parser()
    args = parser.parse_args(["--config", str(path), "status", "--user", "arguser"])
    environ = {"REMOTE_SESSION_DB": "envdb"}
    assert cli.load_settings(args, environ) == cli.Settings(
        "http://cfg:8069", "envdb", "arguser"
    )
    # The default file is found through XDG_CONFIG_HOME.
    args = parser.parse_args(["status"])
    assert cli.load_settings(args, {"XDG_CONFIG_HOME": str(tmp_path)}).db == "cfgdb"
    args = parser.parse_args(["--url", "ftp://nope", "status"])
    with pytest.raises(cli.CliError, match="Bad server URL"):
        cli.load_settings(args, {"XDG_CONFIG_HOME": str(tmp_path)})


# --------------------------------------------------------------- password
def test_password_from_environment_or_prompt():
    assert cli.read_password({"REMOTE_SESSION_PASSWORD": "pw"}) == "pw"
    prompts = []

    def prompt(text):
        prompts.append(text)
        return "typed"

    assert cli.read_password({}, prompt) == "typed"
    assert prompts == ["Odoo password: "]


def test_password_prompt_never_echoes():
    def echoing_prompt(text):
        # What getpass does when it cannot turn the terminal's echo off.
        warnings.warn("Can not control echo", getpass.GetPassWarning, stacklevel=2)
        return "echoed"

    with pytest.raises(cli.CliError, match="REMOTE_SESSION_PASSWORD") as error:
        cli.read_password({}, echoing_prompt)
    assert error.value.code == 2


@pytest.mark.parametrize("answer", ["", EOFError])
def test_no_password(answer):
    def prompt(text):
        if answer is EOFError:
            raise EOFError
        return answer

    with pytest.raises(cli.CliError, match="No password") as error:
        cli.read_password({}, prompt)
    assert error.value.code == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["--password", "hunter2", "status"],
        ["status", "--password=hunter2"],
        ["--pass", "hunter2", "status"],
        ["-p", "hunter2", "status"],
    ],
)
def test_password_argument_is_refused_without_echo(argv):
    stdout, stderr = io.StringIO(), io.StringIO()
    assert cli.main(argv, environ={}, stdout=stdout, stderr=stderr) == 2
    assert "takes no password argument" in stderr.getvalue()
    assert "hunter2" not in stderr.getvalue() + stdout.getvalue()


# ------------------------------------------------------------- exit codes
class FakeRPCError(Exception):
    """Shaped like odoorpc.error.RPCError: the message, and ``info``."""

    def __init__(self, message, info=False):
        super().__init__(message)
        self.info = info


def rpc_error(name, message):
    info = {
        "code": 200,
        "message": "Odoo Server Error",
        "data": {
            "name": name,
            "message": message,
            "arguments": [message],
            "debug": "Traceback (most recent call last): ...",
        },
    }
    return FakeRPCError(message, info)


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (
            rpc_error("odoo.exceptions.ValidationError", "No customer matches X."),
            5,
            "No customer matches X.",
        ),
        (
            rpc_error("odoo.exceptions.UserError", "You have no running session."),
            5,
            "You have no running session.",
        ),
        (rpc_error("odoo.exceptions.MissingError", "Record gone."), 5, "Record gone."),
        (rpc_error("odoo.exceptions.AccessError", "Not yours."), 4, "Not yours."),
        (rpc_error("odoo.exceptions.AccessDenied", "Access Denied"), 4, "Access"),
        (FakeRPCError("Wrong login ID or password"), 4, "Wrong login"),
        (rpc_error("builtins.KeyError", "'x'"), 1, "Odoo server error (KeyError)"),
        (
            urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
            6,
            "Connection refused",
        ),
        (urllib.error.URLError("timed out"), 6, "timed out"),
        (
            urllib.error.HTTPError("http://x", 502, "Bad Gateway", {}, None),
            6,
            "HTTP 502",
        ),
        (ConnectionRefusedError(111, "Connection refused"), 6, "Connection refused"),
        (ConnectionResetError("Remote end closed"), 6, "Remote end closed"),
        (TimeoutError("timed out"), 6, "timed out"),
        (json.JSONDecodeError("Expecting value", "<html>", 0), 6, "JSON-RPC"),
        (KeyboardInterrupt(), 130, "Interrupted"),
        (cli.CliError(2, "bad config"), 2, "bad config"),
        (RuntimeError("boom"), 1, "RuntimeError: boom"),
    ],
)
def test_exit_code_for_each_error(error, code, message):
    got_code, got_message = cli.classify_error(error)
    assert got_code == code
    assert message in got_message
    assert "Traceback" not in got_message


def test_real_odoorpc_errors_are_recognised():
    odoorpc_error = importlib.import_module("odoorpc.error")  # a pinned requirement
    error = odoorpc_error.RPCError(
        "Unknown tool", {"data": {"name": "odoo.exceptions.ValidationError"}}
    )
    assert cli.classify_error(error) == (5, "Unknown tool")
    login = odoorpc_error.RPCError("Wrong login ID or password")
    assert cli.classify_error(login) == (4, "Wrong login ID or password")


# ------------------------------------------------------------------ output
@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00:00"),
        (59, "0:00:59"),
        (60, "0:01:00"),
        (3599, "0:59:59"),
        (3600, "1:00:00"),
        (90061, "25:01:01"),
        (12.9, "0:00:12"),
        (-5, "0:00:00"),
        (None, "0:00:00"),
        (False, "0:00:00"),
    ],
)
def test_format_elapsed(seconds, text):
    assert cli.format_elapsed(seconds) == text


PAYLOAD = {
    "id": 4,
    "name": "RS/2026/00004",
    "partner": "Acme Industries",
    "state": "running",
    "running": True,
    "elapsed_seconds": 754,
    "sale_order": False,
}


@pytest.mark.parametrize(
    ("status", "line", "code"),
    [
        ("created", "Started RS/2026/00004 for Acme Industries", 0),
        ("resumed", "Resumed RS/2026/00004 for Acme Industries", 3),
        ("running", "Already running: RS/2026/00004 for Acme Industries", 3),
    ],
)
def test_format_start(status, line, code):
    assert cli.format_start({**PAYLOAD, "status": status}) == (line, code)


def test_format_start_of_a_closed_session_is_an_existing_one():
    payload = {**PAYLOAD, "status": "closed", "state": "done", "sale_order": "S42"}
    line, code = cli.format_start(payload)
    assert code == 3
    assert "RS/2026/00004 for Acme Industries is done (billed on S42)" in line


def test_format_status_pause_finish():
    assert cli.format_status({"id": False}) == ["No running or paused session."]
    status = {
        **PAYLOAD,
        "amount": 19.5,
        "currency": "EUR",
        "billable": 13.0,
        "covered": 0.0,
        "unit": "Minutes",
    }
    assert cli.format_status(status) == [
        "RS/2026/00004 for Acme Industries: running, 0:12:34",
        "Billable 13.00 Minutes, covered by the quota 0.00, amount 19.50 EUR",
    ]
    paused = {**PAYLOAD, "state": "paused", "running": False}
    assert (
        cli.format_paused(paused)
        == "Paused RS/2026/00004 for Acme Industries at 0:12:34"
    )
    done = {**paused, "state": "done", "sale_order": "S00042"}
    assert cli.format_finished(done) == (
        "Finished RS/2026/00004 for Acme Industries: 0:12:34 on the clock, "
        "billed on S00042"
    )


def test_split_command_uses_no_shell():
    assert cli.split_command("anydesk 123 456 789") == ["anydesk", "123", "456", "789"]
    assert cli.split_command("ssh 'root@host' ; rm -rf /") == [
        "ssh",
        "root@host",
        ";",
        "rm",
        "-rf",
        "/",
    ]
    for bad in ("'unbalanced", "   "):
        with pytest.raises(cli.CliError) as error:
            cli.split_command(bad)
        assert error.value.code == 2


def test_opener_command():
    assert cli.opener_command("anydesk:1", "linux") == ["xdg-open", "anydesk:1"]
    assert cli.opener_command("anydesk:1", "darwin") == ["open", "anydesk:1"]
    assert cli.opener_command("anydesk:1", "win32") is None


# -------------------------------------------------------------------- help
def test_help_and_docstring_document_the_exit_codes():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0
    for code, words in EXIT_CODES.items():
        for text in (result.stdout, cli.__doc__):
            lines = [
                line
                for line in text.splitlines()
                if line.strip().startswith(f"{code} ")
            ]
            assert lines and words in lines[0], f"exit code {code} ({words})"
    assert "REMOTE_SESSION_PASSWORD" in result.stdout
    assert "--password" not in result.stdout
    # Each subcommand's help repeats them.
    sub = subprocess.run(
        [sys.executable, str(SCRIPT), "start", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert "--exec" in sub.stdout and "exit codes" in sub.stdout


def test_script_is_executable_python3():
    assert SCRIPT.read_text().startswith("#!/usr/bin/env python3\n")
    assert SCRIPT.stat().st_mode & 0o111


def test_usage_error_exits_2():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "start"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "--customer" in result.stderr


def test_missing_odoorpc_is_explained(monkeypatch):
    monkeypatch.setitem(sys.modules, "odoorpc", None)  # import odoorpc fails
    stderr = io.StringIO()
    code = cli.main(["status"], environ=dict(ENV), stdout=io.StringIO(), stderr=stderr)
    assert code == 1
    assert "needs the odoorpc package" in stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()


# ----------------------------------------------------------- command flow
class FakeOdoo:
    """Records the calls the helper makes; answers like the server."""

    instances = []
    refuse_connection = False
    login_error = None
    answers = {}

    def __init__(self, host, protocol="jsonrpc", port=8069, timeout=120):
        if self.refuse_connection:
            raise urllib.error.URLError(
                ConnectionRefusedError(111, "Connection refused")
            )
        self.server = (host, port, protocol)
        self.calls = []
        self.login_args = None
        FakeOdoo.instances.append(self)

    def login(self, db, login, password):
        if self.login_error:
            raise self.login_error
        self.login_args = (db, login, password)

    def execute_kw(self, model, method, args, kwargs):
        assert model == "service.remote.session"
        assert args == []
        self.calls.append((method, kwargs))
        answer = self.answers.get(method)
        if isinstance(answer, BaseException):
            raise answer
        return dict(answer) if answer else {"id": False}


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(FakeOdoo, "instances", [])
    monkeypatch.setattr(
        FakeOdoo,
        "answers",
        {
            "cli_start": {**PAYLOAD, "status": "created", "url": "anydesk:123"},
            "cli_pause": {**PAYLOAD, "state": "paused", "running": False},
            "cli_status": {**PAYLOAD, "amount": 1.5, "currency": "EUR"},
            "cli_finish": {**PAYLOAD, "state": "done", "sale_order": "S00042"},
        },
    )
    return types.SimpleNamespace(ODOO=FakeOdoo)


def run(fake, *argv, environ=None):
    stdout, stderr = io.StringIO(), io.StringIO()
    env = dict(ENV) if environ is None else environ
    code = cli.main(list(argv), environ=env, stdout=stdout, stderr=stderr, rpc=fake)
    return code, stdout.getvalue(), stderr.getvalue()


def calls(fake_module):
    """Every (method, kwargs) the helper sent, in order."""
    return [call for odoo in FakeOdoo.instances for call in odoo.calls]


def test_status_logs_in_with_the_resolved_settings(fake):
    code, out, err = run(fake, "status")
    assert code == 0, err
    odoo = FakeOdoo.instances[0]
    assert odoo.server == ("odoo.test", 8069, "jsonrpc")
    assert odoo.login_args == ("prod", "tech", "s3cret-pw")
    assert calls(fake) == [("cli_status", {})]
    assert "RS/2026/00004 for Acme Industries: running, 0:12:34" in out
    assert "s3cret-pw" not in out + err


def test_start_with_exec_runs_the_program_then_pauses(fake):
    program = f"{sys.executable} -c 'import sys; sys.exit(7)'"
    code, out, err = run(
        fake, "start", "--customer", "Acme", "--tool", "anydesk", "--exec", program
    )
    assert code == 0, err
    assert calls(fake) == [
        (
            "cli_start",
            {
                "customer": "Acme",
                "tool": "anydesk",
                "product": False,
                "reference": False,
            },
        ),
        ("cli_pause", {"session_id": 4}),
    ]
    assert "Started RS/2026/00004 for Acme Industries" in out
    assert "exited with status 7" in out
    assert "Paused RS/2026/00004 for Acme Industries at 0:12:34" in out


def test_the_program_does_not_inherit_the_password(fake, monkeypatch):
    monkeypatch.setenv("REMOTE_SESSION_PASSWORD", "s3cret-pw")
    check = (
        "import os, sys; sys.exit(9 if 'REMOTE_SESSION_PASSWORD' in os.environ else 0)"
    )
    program = shlex.join([sys.executable, "-c", check])
    code, out, err = run(fake, "start", "--customer", "Acme", "--exec", program)
    assert code == 0, err
    assert "exited with status" not in out


def test_start_json_reports_the_final_state(fake):
    program = f"{sys.executable} -c pass"
    code, out, err = run(
        fake, "start", "--customer", "Acme", "--ref", "k1", "--exec", program, "--json"
    )
    assert code == 0, err
    payload = json.loads(out)
    assert payload["state"] == "paused"
    assert payload["status"] == "created"
    assert payload["program"]["returncode"] == 0
    assert calls(fake)[0][1]["reference"] == "k1"


def test_start_of_an_existing_session_exits_3(fake, monkeypatch):
    FakeOdoo.answers["cli_start"] = {**PAYLOAD, "status": "running", "url": False}
    code, out, err = run(fake, "start", "--customer", "Acme", "--json")
    assert code == 3, err
    assert json.loads(out)["status"] == "running"
    assert [name for name, _ in calls(fake)] == ["cli_start"]


def test_start_without_exec_opens_the_link_unless_told_not_to(fake, monkeypatch):
    opened = []
    monkeypatch.setattr(
        cli.App, "open_url", lambda self, url: opened.append(url) or True
    )
    code, out, err = run(fake, "start", "--customer", "Acme", "--tool", "anydesk")
    assert code == 0, err
    assert opened == ["anydesk:123"]
    assert "Opened anydesk:123" in out
    code, out, err = run(fake, "start", "--customer", "Acme", "--no-open")
    assert opened == ["anydesk:123"]
    assert "Link: anydesk:123" in out


def test_open_url_hands_the_link_to_the_desktop(monkeypatch):
    launched = []

    class Popen:
        def __init__(self, command, **kwargs):
            launched.append((command, kwargs.get("start_new_session")))

    monkeypatch.setattr(cli.subprocess, "Popen", Popen)
    app = cli.App(types.SimpleNamespace(), {}, io.StringIO(), io.StringIO())
    app.platform = "linux"
    assert app.open_url("anydesk:123")
    assert launched == [(["xdg-open", "anydesk:123"], True)]

    def missing(command, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(cli.subprocess, "Popen", missing)
    assert not app.open_url("anydesk:123")


def test_program_not_found_pauses_and_fails(fake):
    code, out, err = run(
        fake, "start", "--customer", "Acme", "--exec", "no-such-program-xq 1 2"
    )
    assert code == 1
    assert [name for name, _ in calls(fake)] == ["cli_start", "cli_pause"]
    assert "Cannot run no-such-program-xq" in err
    assert "Paused RS/2026/00004" in err


def test_ctrl_c_while_waiting_pauses_the_session(fake, monkeypatch):
    class Process:
        waits = 0

        def __init__(self, argv, **kwargs):
            self.stopped = []

        def wait(self, timeout=None):
            Process.waits += 1
            if Process.waits == 1:
                raise KeyboardInterrupt
            return -2

        def terminate(self):
            self.stopped.append("terminate")

        def kill(self):
            self.stopped.append("kill")

    monkeypatch.setattr(cli.subprocess, "Popen", Process)
    code, out, err = run(fake, "start", "--customer", "Acme", "--exec", "anydesk 1")
    assert code == 130
    assert [name for name, _ in calls(fake)] == ["cli_start", "cli_pause"]
    assert "Paused RS/2026/00004" in out
    assert "interrupted" in err


def test_pause_failure_after_the_program_says_the_clock_may_run(fake):
    FakeOdoo.answers["cli_pause"] = urllib.error.URLError("timed out")
    code, out, err = run(
        fake, "start", "--customer", "Acme", "--exec", f"{sys.executable} -c pass"
    )
    assert code == 6
    assert "remote-session pause --session 4" in err


def test_closed_session_found_by_reference_runs_nothing(fake):
    FakeOdoo.answers["cli_start"] = {
        **PAYLOAD,
        "status": "closed",
        "state": "done",
        "sale_order": "S00042",
        "url": "anydesk:123",
    }
    code, out, err = run(
        fake, "start", "--customer", "Acme", "--ref", "old", "--exec", "anydesk 1"
    )
    assert code == 3
    assert "is done (billed on S00042)" in err
    assert [name for name, _ in calls(fake)] == ["cli_start"]


@pytest.mark.parametrize(
    ("command", "method", "kwargs", "line"),
    [
        (["pause"], "cli_pause", {"session_id": False}, "Paused RS/2026/00004"),
        (["pause", "--session", "9"], "cli_pause", {"session_id": 9}, "Paused"),
        (["finish"], "cli_finish", {"session_id": False}, "billed on S00042"),
        (["finish", "--session", "4"], "cli_finish", {"session_id": 4}, "Finished"),
    ],
)
def test_pause_and_finish(fake, command, method, kwargs, line):
    code, out, err = run(fake, *command)
    assert code == 0, err
    assert calls(fake) == [(method, kwargs)]
    assert line in out


def test_server_refusal_prints_its_message_without_traceback(fake):
    FakeOdoo.answers["cli_pause"] = rpc_error(
        "odoo.exceptions.UserError", "You have no running or paused session."
    )
    code, out, err = run(fake, "pause")
    assert code == 5
    assert err == "remote-session: You have no running or paused session.\n"


def test_debug_shows_the_server_traceback(fake):
    FakeOdoo.answers["cli_status"] = rpc_error("builtins.KeyError", "'x'")
    code, out, err = run(fake, "status", "--debug")
    assert code == 1
    assert "Traceback (most recent call last): ..." in err


def test_login_failure_exits_4(fake, monkeypatch):
    monkeypatch.setattr(
        FakeOdoo,
        "login_error",
        rpc_error("odoo.exceptions.AccessDenied", "Access Denied"),
    )
    code, out, err = run(fake, "status")
    assert code == 4
    assert "Login as tech on prod failed: Access Denied" in err
    assert "s3cret-pw" not in err
    assert calls(fake) == []


def test_unreachable_server_exits_6_before_asking_the_password(fake, monkeypatch):
    monkeypatch.setattr(FakeOdoo, "refuse_connection", True)
    environ = {k: v for k, v in ENV.items() if k != "REMOTE_SESSION_PASSWORD"}
    code, out, err = run(fake, "status", environ=environ)
    assert code == 6
    assert "Cannot reach the server: Connection refused." in err


def test_global_options_work_after_the_subcommand(fake):
    code, out, err = run(fake, "status", "--url", "https://other.test", "--db", "x")
    assert code == 0, err
    assert FakeOdoo.instances[0].server == ("other.test", 443, "jsonrpc+ssl")
    assert FakeOdoo.instances[0].login_args[0] == "x"
