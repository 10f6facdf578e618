"""Install, upgrade and uninstall each addon on its own, with a real Odoo 18.

Run by ``scripts/test.sh``, which builds a template database holding only the
addons' dependencies (OCA contract, helpdesk_mgmt, fieldservice, ...) and sets:

    SBS_TEMPLATE_DB   the template database
    SBS_ADDONS_PATH   Odoo's addons path with the OCA wheels and this repository
    SBS_DATA_DIR      Odoo's data directory (filestore)
    ODOO_SRC          the Odoo 18.0 source tree

Each addon is installed alone into a copy of the template, so an addon that
silently needs a sibling it does not declare fails here.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SUITE = [
    "service_contract_quota",
    "service_remote_timer",
    "helpdesk_ticket_billing",
    "field_service_activity",
]
PROBLEM = re.compile(
    r"^\S+ \S+ \d+ (ERROR|CRITICAL) |^Traceback"
    r"|WARNING .*(service_|helpdesk_ticket_billing|field_service)",
    re.M,
)
UNINSTALL = """
env["ir.module.module"].search([("name", "=", "{addon}")]).button_immediate_uninstall()
env.cr.commit()
"""


def _env(name):
    value = os.environ.get(name)
    if not value:
        message = f"{name} is not set: run these tests through scripts/test.sh"
        pytest.fail(message, pytrace=False)
    return value


def psql(db, query, *params):
    command = ["psql", "-d", db, "-tA", "-c", query]
    for index, param in enumerate(params, 1):
        command[-1] = command[-1].replace(
            f"${index}", "'" + param.replace("'", "''") + "'"
        )
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def odoo(db, *args, script=None):
    """Run odoo-bin on ``db`` (a shell fed ``script`` when given); fail on errors."""
    command = [sys.executable, str(Path(_env("ODOO_SRC")) / "odoo-bin")]
    if script is not None:
        command.append("shell")
    command += [
        f"--database={db}",
        f"--addons-path={_env('SBS_ADDONS_PATH')}",
        f"--data-dir={_env('SBS_DATA_DIR')}",
        "--log-level=warn",
        "--no-http",
        *args,
    ]
    result = subprocess.run(
        command, input=script, capture_output=True, text=True, timeout=900
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    problems = [line for line in log.splitlines() if PROBLEM.search(line)]
    assert not problems, "\n".join(problems[:20])
    return log


def module_states(db):
    rows = psql(db, "SELECT name, state FROM ir_module_module")
    return dict(line.split("|") for line in rows.splitlines())


def xmlid_count(db, addon):
    return int(psql(db, "SELECT count(*) FROM ir_model_data WHERE module = $1", addon))


def service_app_menus(db):
    query = (
        "SELECT count(*) FROM ir_ui_menu WHERE web_icon LIKE 'service_contract_quota,%'"
    )
    return int(psql(db, query))


@pytest.fixture
def database(request):
    template = _env("SBS_TEMPLATE_DB")
    name = f"{template}_life_{request.node.callspec.id}"
    data_dir = Path(_env("SBS_DATA_DIR")) / "filestore"
    subprocess.run(["dropdb", "--if-exists", name], check=True, capture_output=True)
    subprocess.run(["createdb", "-T", template, name], check=True)
    if (data_dir / template).exists():
        shutil.copytree(data_dir / template, data_dir / name, dirs_exist_ok=True)
    yield name
    subprocess.run(["dropdb", "--if-exists", name], check=True, capture_output=True)
    shutil.rmtree(data_dir / name, ignore_errors=True)


@pytest.mark.parametrize("addon", SUITE)
def test_install_upgrade_uninstall(database, addon):
    assert module_states(database).get(addon) in (None, "uninstalled")

    odoo(database, "-i", addon, "--stop-after-init")
    states = module_states(database)
    assert states[addon] == "installed"
    assert states["service_contract_quota"] == "installed"
    siblings = [name for name in SUITE if name not in (addon, "service_contract_quota")]
    assert all(
        states.get(name) != "installed" for name in siblings
    ), "undeclared sibling"
    xmlids = xmlid_count(database, addon)
    assert xmlids > 0
    assert service_app_menus(database) == 1

    odoo(database, "-u", addon, "--stop-after-init")
    assert module_states(database)[addon] == "installed"
    assert xmlid_count(database, addon) == xmlids

    odoo(database, script=UNINSTALL.format(addon=addon))
    assert module_states(database)[addon] == "uninstalled"
    assert xmlid_count(database, addon) == 0
    expected_menus = 0 if addon == "service_contract_quota" else 1
    assert service_app_menus(database) == expected_menus
