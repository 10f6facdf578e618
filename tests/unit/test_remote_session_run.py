"""Database-free checks of the ``scripts/remote-session`` helper: ``start``.

``--exec`` (no shell, no password in the program's environment, the pause
when the program ends, fails or is interrupted) and the link opened on the
desktop (``remote_session_run``), against the fake odoorpc of
``remote_session_fakes``.
"""

import io
import json
import os
import shlex
import subprocess
import sys
import types
import urllib.error
from pathlib import Path

import pytest
import remote_session_cli as cli
from remote_session_fakes import PAYLOAD, FakeOdoo, calls, run


# --------------------------------------------------------------- programs
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


# ----------------------------------------------------------- command flow
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

    monkeypatch.setattr(subprocess, "Popen", Popen)
    app = cli.App(types.SimpleNamespace(), {}, io.StringIO(), io.StringIO())
    app.platform = "linux"
    assert app.open_url("anydesk:123")
    assert launched == [(["xdg-open", "anydesk:123"], True)]

    def missing(command, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(subprocess, "Popen", missing)
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

    monkeypatch.setattr(subprocess, "Popen", Process)
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


def test_a_started_program_cannot_read_the_password_from_proc():
    """The --exec program runs as the same user: /proc/<helper>/environ must
    not show the password the helper was started with."""
    scripts = Path(__file__).resolve().parents[2] / "scripts"
    probe = (
        "import os, subprocess, sys\n"
        f"sys.path.insert(0, {str(scripts)!r})\n"
        "from remote_session_run import hide_password_from_children\n"
        "hide_password_from_children()\n"
        "child = subprocess.run([sys.executable, '-c', "
        "\"import os; print(open(f'/proc/{os.getppid()}/environ', 'rb')"
        ".read().count(b'hunter2-secret'))\"], capture_output=True, text=True)\n"
        "print(child.stdout.strip(), 'REMOTE_SESSION_PASSWORD' in os.environ)\n"
    )
    env = dict(os.environ, REMOTE_SESSION_PASSWORD="hunter2-secret")
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["0", "False"], result.stderr


def test_main_keeps_the_password_for_itself_only(monkeypatch):
    hidden = []
    monkeypatch.setattr(cli, "hide_password_from_children", lambda: hidden.append(1))
    code = cli.main(argv=["status", "--password=x"], stderr=io.StringIO())
    assert code == 2  # refused, and the password was hidden first
    assert hidden == [1]
