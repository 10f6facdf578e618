"""The ``scripts/remote-session`` helper, run for real against the test server.

Each test runs the helper as a subprocess (JSON-RPC through odoorpc). HttpCase
serves its requests inside the test transaction, so what it creates is read
back through ``self.env`` once the cache is invalidated.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

HELPER = Path(__file__).resolve().parents[2] / "scripts" / "remote-session"
TECHNICIAN = "service_contract_quota.group_service_technician"
LOGIN = "cli-tech"
PASSWORD = "cli-tech-pw"
CUSTOMER = "Helper Test Customer Qx"


@tagged("post_install", "-at_install")
class TestRemoteSessionHelper(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(
            cls.env, LOGIN, groups=TECHNICIAN, password=PASSWORD
        )
        cls.env["hr.employee"].create(
            {"name": "CLI Technician", "user_id": cls.technician.id}
        )
        minute = cls.env.ref("service_contract_quota.uom_minute")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Remote support minute (helper test)",
                "type": "service",
                "uom_id": minute.id,
                "uom_po_id": minute.id,
                "list_price": 1.5,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.env.company.service_remote_product_id = cls.product
        cls.anydesk = cls.env.ref("service_remote_timer.service_remote_tool_anydesk")
        cls.customer = cls.env["res.partner"].create({"name": CUSTOMER})
        cls.env["service.remote.access"].create(
            {
                "partner_id": cls.customer.id,
                "tool_id": cls.anydesk.id,
                "remote_id": "123456789",
            }
        )
        # No user configuration file: only the arguments count.
        cls.config_home = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.config_home.cleanup)

    def helper(self, *args, password=PASSWORD, url=None):
        """Run the helper as the technician; the records it writes are read back."""
        self.env.flush_all()
        env = {k: v for k, v in os.environ.items() if not k.startswith("REMOTE_")}
        env.update(
            REMOTE_SESSION_PASSWORD=password, XDG_CONFIG_HOME=self.config_home.name
        )
        command = [
            sys.executable,
            str(HELPER),
            "--url",
            url or self.base_url(),
            "--db",
            self.env.cr.dbname,
            "--user",
            LOGIN,
            *args,
        ]
        result = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        self.env.invalidate_all()
        return result

    def sessions(self):
        return self.env["service.remote.session"].search(
            [("user_id", "=", self.technician.id)]
        )

    def assertExit(self, result, code):
        self.assertEqual(
            result.returncode,
            code,
            f"exit {result.returncode}\nout: {result.stdout}\nerr: {result.stderr}",
        )

    def test_start_runs_the_program_then_pauses(self):
        # The program sleeps, and fails if it was handed the Odoo password.
        code = (
            "import os, sys, time; time.sleep(1.5); "
            "sys.exit('REMOTE_SESSION_PASSWORD' in os.environ)"
        )
        program = shlex.join([sys.executable, "-c", code])
        result = self.helper(
            "start",
            "--customer",
            CUSTOMER,
            "--tool",
            "anydesk",
            "--exec",
            program,
            "--json",
        )
        self.assertExit(result, 0)
        payload = json.loads(result.stdout)
        session = self.sessions()
        self.assertEqual(len(session), 1)
        self.assertEqual(payload["id"], session.id)
        self.assertEqual(payload["status"], "created")
        self.assertEqual(payload["state"], "paused")
        self.assertEqual(payload["program"]["returncode"], 0)
        self.assertEqual(session.state, "paused")
        self.assertEqual(session.partner_id, self.customer)
        self.assertGreaterEqual(session.closed_seconds, 1)
        self.assertEqual(session.interval_ids.tool_id, self.anydesk)
        self.assertTrue(all(session.interval_ids.mapped("stop")))

    def test_same_reference_finds_the_running_session(self):
        start = ("start", "--customer", CUSTOMER, "--tool", "AnyDesk", "--ref", "k-1")
        first = self.helper(*start, "--no-open", "--json")
        self.assertExit(first, 0)
        payload = json.loads(first.stdout)
        self.assertEqual(payload["status"], "created")
        self.assertTrue(payload["running"])
        self.assertEqual(payload["url"], "anydesk:123456789")

        again = self.helper(*start, "--no-open")
        self.assertExit(again, 3)
        self.assertIn("Already running", again.stdout)
        session = self.sessions()
        self.assertEqual(len(session), 1)
        self.assertEqual(session.client_reference, "k-1")
        self.assertEqual(session.state, "running")

    def test_status_then_finish_bills_the_session(self):
        program = shlex.join([sys.executable, "-c", "import time; time.sleep(1.1)"])
        start = self.helper("start", "--customer", CUSTOMER, "--exec", program)
        self.assertExit(start, 0)
        self.assertIn(f"Started {self.sessions().name} for {CUSTOMER}", start.stdout)
        self.assertIn("Paused", start.stdout)

        status = self.helper("status", "--json")
        self.assertExit(status, 0)
        payload = json.loads(status.stdout)
        session = self.sessions()
        self.assertEqual(payload["id"], session.id)
        self.assertEqual(payload["state"], "paused")
        self.assertEqual(payload["currency"], self.env.company.currency_id.name)
        self.assertIn("billable", payload)

        finish = self.helper("finish")
        self.assertExit(finish, 0)
        self.assertEqual(session.state, "done")
        self.assertTrue(session.service_sale_order_id)
        self.assertIn(f"billed on {session.service_sale_order_id.name}", finish.stdout)

        self.assertEqual(
            json.loads(self.helper("status", "--json").stdout), {"id": False}
        )

    def test_reference_of_a_billed_session_runs_nothing(self):
        start = ("start", "--customer", CUSTOMER, "--ref", "k-done", "--no-open")
        self.assertExit(self.helper(*start), 0)
        # two minutes of work (a session of no time is refused, not billed)
        running = self.sessions().interval_ids.sudo()
        running.write({"start": running.start - timedelta(minutes=2)})
        self.assertExit(self.helper("finish"), 0)
        session = self.sessions()
        order = session.service_sale_order_id
        self.assertEqual(session.state, "done")

        with tempfile.TemporaryDirectory() as folder:
            marker = Path(folder, "ran")
            program = shlex.join(
                [sys.executable, "-c", f"open({str(marker)!r}, 'w').close()"]
            )
            result = self.helper(*start, "--exec", program)
            self.assertFalse(marker.exists(), "no clock runs: nor does the program")
        self.assertExit(result, 3)  # it exists already: printed, nothing started
        self.assertIn(f"{session.name} for {CUSTOMER} is done", result.stderr)
        self.assertEqual(self.sessions(), session)
        self.assertEqual(session.state, "done")
        self.assertEqual(session.service_sale_order_id, order)

    @mute_logger("odoo.http")
    def test_refused_requests_print_the_server_message(self):
        result = self.helper("start", "--customer", "Nobody Zzq", "--tool", "anydesk")
        self.assertExit(result, 5)
        self.assertIn("No customer matches Nobody Zzq", result.stderr)
        self.assertNotIn("Traceback", result.stderr)

        result = self.helper("start", "--customer", CUSTOMER, "--tool", "telepathy")
        self.assertExit(result, 5)
        self.assertIn("Unknown remote tool telepathy", result.stderr)

        result = self.helper("pause")
        self.assertExit(result, 5)
        self.assertIn("You have no running or paused session.", result.stderr)
        self.assertFalse(self.sessions())

    @mute_logger("odoo.http", "odoo.addons.base.models.res_users")
    def test_wrong_password_is_a_login_failure(self):
        result = self.helper("status", password="not-the-password")
        self.assertExit(result, 4)
        self.assertIn(f"Login as {LOGIN}", result.stderr)
        self.assertNotIn("not-the-password", result.stderr + result.stdout)

    def test_program_not_found_leaves_the_session_paused(self):
        result = self.helper(
            "start", "--customer", CUSTOMER, "--exec", "no-such-remote-tool-xq 1 2 3"
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Cannot run no-such-remote-tool-xq", result.stderr)
        self.assertEqual(self.sessions().state, "paused")

    def test_unreachable_server(self):
        result = self.helper("status", url="http://127.0.0.1:9")
        self.assertExit(result, 6)
        self.assertIn("Cannot reach the server", result.stderr)

    def test_a_session_by_its_reference_paused_twice_then_finished(self):
        self.assertExit(self.helper("start", "--customer", CUSTOMER, "--no-open"), 0)
        session = self.sessions()
        # two minutes of work
        running = session.interval_ids.sudo()
        running.write({"start": running.start - timedelta(minutes=2)})

        status = self.helper("status", "--session", session.name)
        self.assertExit(status, 0)
        self.assertIn(f"{session.name} for {CUSTOMER}: running", status.stdout)
        self.assertExit(self.helper("pause", "--session", session.name), 0)
        again = self.helper("pause", "--session", session.name)
        self.assertExit(again, 3)
        self.assertIn(f"{session.name} for {CUSTOMER} is already paused", again.stdout)

        finish = self.helper("finish", "--session", session.name)
        self.assertExit(finish, 0)
        self.assertEqual(session.state, "done")
        order = session.service_sale_order_id
        currency = order.currency_id.name
        self.assertEqual(
            finish.stdout.splitlines()[1],
            f"Billed {session.service_quantity:.2f} Minutes, covered by the quota "
            f"0.00, amount {session.service_amount:.2f} {currency}",
        )
        self.assertGreater(session.service_amount, 0)

    def test_start_for_another_customer_says_which_session_it_paused(self):
        other = self.env["res.partner"].create({"name": "Helper Other Customer Qy"})
        self.assertExit(self.helper("start", "--customer", CUSTOMER, "--no-open"), 0)
        first = self.sessions()
        result = self.helper("start", "--customer", other.name, "--no-open")
        self.assertExit(result, 0)
        second = self.sessions() - first
        self.assertEqual((first.state, second.state), ("paused", "running"))
        lines = result.stdout.splitlines()
        self.assertTrue(lines[0].startswith(f"Paused {first.name} for {CUSTOMER} at "))
        self.assertEqual(lines[1], f"Started {second.name} for {other.name}")
