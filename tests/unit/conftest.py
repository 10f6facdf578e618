"""Shared set-up of the database-free tests of ``scripts/remote-session``.

``scripts/`` goes on sys.path, as ``scripts/remote-session`` does it, so the
tests import ``remote_session_cli`` (and the sibling modules it imports) by
name; this directory too, for the helpers of ``remote_session_fakes.py``.
"""

import sys
import types
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE.parents[1] / "scripts", HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from remote_session_fakes import PAYLOAD, FakeOdoo  # noqa: E402


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(FakeOdoo, "instances", [])
    monkeypatch.setattr(
        FakeOdoo,
        "answers",
        {
            "cli_start": {**PAYLOAD, "status": "created", "url": "anydesk:123"},
            "cli_pause": {
                **PAYLOAD,
                "state": "paused",
                "running": False,
                "status": "paused",
            },
            "cli_status": {**PAYLOAD, "amount": 1.5, "currency": "EUR"},
            "cli_finish": {
                **PAYLOAD,
                "state": "done",
                "sale_order": "S00042",
                "billable": 15.0,
                "covered": 10.0,
                "amount": 7.5,
                "currency": "EUR",
                "unit": "Minutes",
            },
        },
    )
    return types.SimpleNamespace(ODOO=FakeOdoo)
