"""Database-free checks of the ``scripts/remote-session`` helper.

The pure parts (exit codes, output) are tested directly; the command flow runs
against a fake odoorpc that records calls (``remote_session_fakes``). The
settings and the password are checked in ``test_remote_session_config.py``,
``start --exec`` and links in ``test_remote_session_run.py``.
"""

import argparse
import importlib
import io
import json
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest
import remote_session_cli as cli
from remote_session_fakes import ENV, PAYLOAD, FakeOdoo, calls, run

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "remote-session"

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
    assert cli.format_finished(done) == [
        "Finished RS/2026/00004 for Acme Industries: 0:12:34 on the clock, "
        "billed on S00042"
    ]
    billed = {**done, "billable": 15, "covered": 10, "amount": 7.5, "unit": "Minutes"}
    assert cli.format_finished({**billed, "currency": "EUR"}) == [
        "Finished RS/2026/00004 for Acme Industries: 0:12:34 on the clock, "
        "billed on S00042",
        "Billed 15.00 Minutes, covered by the quota 10.00, amount 7.50 EUR",
    ]


@pytest.mark.parametrize(
    ("status", "line", "code"),
    [
        ("paused", "Paused RS/2026/00004 for Acme Industries at 0:12:34", 0),
        (
            "already_paused",
            "RS/2026/00004 for Acme Industries is already paused at 0:12:34",
            3,
        ),
        (
            "not_started",
            "RS/2026/00004 for Acme Industries has not started: nothing to pause",
            3,
        ),
    ],
)
def test_format_pause(status, line, code):
    payload = {**PAYLOAD, "state": "paused", "running": False, "status": status}
    assert cli.format_pause(payload) == (line, code)


@pytest.mark.parametrize(
    ("text", "value"),
    [("7", 7), (" 12 ", 12), ("RS/2026/00007", "RS/2026/00007"), ("rs/7 ", "rs/7")],
)
def test_session_reference_is_an_id_or_the_reference(text, value):
    assert cli.session_reference(text) == value


@pytest.mark.parametrize("text", ["", "  ", "0", "000"])
def test_session_reference_refuses_nothing(text):
    with pytest.raises(argparse.ArgumentTypeError):
        cli.session_reference(text)


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
def test_status_logs_in_with_the_resolved_settings(fake):
    code, out, err = run(fake, "status")
    assert code == 0, err
    odoo = FakeOdoo.instances[0]
    assert odoo.server == ("odoo.test", 8069, "jsonrpc")
    assert odoo.login_args == ("prod", "tech", "s3cret-pw")
    assert calls(fake) == [("cli_status", {})]
    assert "RS/2026/00004 for Acme Industries: running, 0:12:34" in out
    assert "s3cret-pw" not in out + err


@pytest.mark.parametrize(
    ("command", "method", "kwargs", "line"),
    [
        (["pause"], "cli_pause", {"session_id": False}, "Paused RS/2026/00004"),
        (["pause", "--session", "9"], "cli_pause", {"session_id": 9}, "Paused"),
        (
            ["pause", "--session", "RS/2026/00007"],
            "cli_pause",
            {"session_id": "RS/2026/00007"},
            "Paused",
        ),
        (["finish"], "cli_finish", {"session_id": False}, "billed on S00042"),
        (["finish", "--session", "4"], "cli_finish", {"session_id": 4}, "Finished"),
        (
            ["finish", "--session", "RS/2026/00004"],
            "cli_finish",
            {"session_id": "RS/2026/00004"},
            "Finished",
        ),
        (
            ["status", "--session", "RS/2026/00004"],
            "cli_status",
            {"session_id": "RS/2026/00004"},
            "RS/2026/00004 for Acme Industries: running",
        ),
        (["status", "--session", "4"], "cli_status", {"session_id": 4}, "running"),
    ],
)
def test_pause_finish_and_status_of_a_session(fake, command, method, kwargs, line):
    code, out, err = run(fake, *command)
    assert code == 0, err
    assert calls(fake) == [(method, kwargs)]
    assert line in out


@pytest.mark.parametrize("command", ["status", "pause", "finish"])
def test_an_empty_session_is_a_usage_error(fake, command, capsys):
    with pytest.raises(SystemExit) as exit_:
        run(fake, command, "--session", " ")
    assert exit_.value.code == 2
    assert "give a session reference or id" in capsys.readouterr().err
    assert calls(fake) == []


def test_pause_of_a_paused_session_says_so_and_exits_3(fake):
    FakeOdoo.answers["cli_pause"] = {
        **PAYLOAD,
        "state": "paused",
        "running": False,
        "status": "already_paused",
    }
    code, out, err = run(fake, "pause", "--session", "RS/2026/00004")
    assert code == 3, err
    assert out == "RS/2026/00004 for Acme Industries is already paused at 0:12:34\n"


def test_finish_prints_billed_covered_and_amount(fake):
    code, out, err = run(fake, "finish")
    assert code == 0, err
    assert out.splitlines() == [
        "Finished RS/2026/00004 for Acme Industries: 0:12:34 on the clock, "
        "billed on S00042",
        "Billed 15.00 Minutes, covered by the quota 10.00, amount 7.50 EUR",
    ]


def test_start_that_pauses_another_session_says_both(fake):
    globex = {
        "id": 3,
        "name": "RS/2026/00003",
        "partner": "Globex Logistics",
        "state": "paused",
        "running": False,
        "elapsed_seconds": 300,
    }
    FakeOdoo.answers["cli_start"] = {
        **PAYLOAD,
        "status": "resumed",
        "url": False,
        "paused_sessions": [globex],
    }
    code, out, err = run(fake, "start", "--customer", "Acme", "--no-open")
    assert code == 3, err
    assert out.splitlines() == [
        "Paused RS/2026/00003 for Globex Logistics at 0:05:00",
        "Resumed RS/2026/00004 for Acme Industries",
    ]


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
