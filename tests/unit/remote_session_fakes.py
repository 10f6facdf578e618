"""Fakes shared by the ``scripts/remote-session`` tests (not a test module).

A fake odoorpc that records the calls the helper makes and answers like the
server, the settings a run gets from its environment, and a run of ``main``.
``conftest.py`` in this directory puts this directory and ``scripts/`` on
sys.path, and holds the ``fake`` fixture (the fake odoorpc module).
"""

import io
import urllib.error

import remote_session_cli as cli

ENV = {
    "REMOTE_SESSION_URL": "http://odoo.test:8069",
    "REMOTE_SESSION_DB": "prod",
    "REMOTE_SESSION_USER": "tech",
    "REMOTE_SESSION_PASSWORD": "s3cret-pw",
    "XDG_CONFIG_HOME": "/nonexistent-config-home",
}


PAYLOAD = {
    "id": 4,
    "name": "RS/2026/00004",
    "partner": "Acme Industries",
    "state": "running",
    "running": True,
    "elapsed_seconds": 754,
    "sale_order": False,
}


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


def run(fake, *argv, environ=None):
    stdout, stderr = io.StringIO(), io.StringIO()
    env = dict(ENV) if environ is None else environ
    code = cli.main(list(argv), environ=env, stdout=stdout, stderr=stderr, rpc=fake)
    return code, stdout.getvalue(), stderr.getvalue()


def calls(fake_module):
    """Every (method, kwargs) the helper sent, in order."""
    return [call for odoo in FakeOdoo.instances for call in odoo.calls]
