"""Database-free checks of the ``scripts/remote-session`` helper: settings.

The server URL, the configuration file, the precedence of arguments,
environment and file, and the password (environment or prompt, never an
argument nor the file): ``remote_session_config``.
"""

import getpass
import io
import warnings
from pathlib import Path

import pytest
import remote_session_cli as cli


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
