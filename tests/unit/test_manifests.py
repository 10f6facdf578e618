"""Database-free checks of the four addons' packaging (what Odoo needs to install)."""

import ast
import csv
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
ADDONS = {
    "service_contract_quota": {"contract", "sale_management", "hr_timesheet"},
    "service_remote_timer": {"service_contract_quota", "bus", "portal"},
    "helpdesk_ticket_billing": {
        "service_contract_quota",
        "helpdesk_mgmt",
        "helpdesk_mgmt_timesheet",
    },
    "field_service_activity": {
        "service_contract_quota",
        "fieldservice",
        "hr_timesheet",
    },
}
DATA_ORDER = ["security/", "data/", "report/", "wizards/", "views/"]


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def test_repository_holds_exactly_the_four_addons():
    found = {path.parent.name for path in ROOT.glob("*/__manifest__.py")}
    assert found == set(ADDONS)


@pytest.mark.parametrize("addon", sorted(ADDONS))
def test_manifest_keys(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["license"] == "AGPL-3"
    assert data["author"] == "Service Billing Suite"
    assert data["installable"] is True
    assert "description" not in data
    assert all(value not in ("", [], {}) for value in data.values()), "no empty keys"
    assert set(data["depends"]) == ADDONS[addon]


@pytest.mark.parametrize("addon", sorted(ADDONS))
def test_data_files_exist_parse_and_load_in_order(addon):
    data = manifest(addon)
    files = data.get("data", []) + data.get("demo", [])
    for name in files:
        path = ROOT / addon / name
        assert path.is_file(), f"{addon}: {name} is listed but missing"
        if path.suffix == ".xml":
            etree.parse(str(path))
        elif path.suffix == ".csv":
            with path.open() as handle:
                header = next(csv.reader(handle))
            assert header[:4] == ["id", "name", "model_id:id", "group_id:id"]
    ranks = [
        next(i for i, prefix in enumerate(DATA_ORDER) if name.startswith(prefix))
        for name in data.get("data", [])
    ]
    assert ranks == sorted(
        ranks
    ), "groups, access, rules, data, reports, wizards, views, menus"
    assert data["data"][0].startswith("security/")


@pytest.mark.parametrize("addon", sorted(ADDONS))
def test_addon_has_tests_readme_and_icon(addon):
    base = ROOT / addon
    assert (base / "tests" / "__init__.py").is_file()
    assert list((base / "tests").glob("test_*.py"))
    assert (base / "readme" / "DESCRIPTION.md").is_file()
    assert (base / "readme" / "USAGE.md").is_file()
    assert (base / "static" / "description" / "icon.png").is_file()
    assert (base / "pyproject.toml").is_file()
    assert (base / "i18n" / f"{addon}.pot").is_file()


XML_REFS = re.compile(r"""(?:ref\(|ref=|parent=|action=)["']([a-z_]+)\.""")


@pytest.mark.parametrize("addon", sorted(ADDONS))
def test_xml_references_to_sibling_addons_are_declared_dependencies(addon):
    """``other_addon.xmlid`` only resolves when ``other_addon`` is installed first."""
    for path in (ROOT / addon).rglob("*.xml"):
        for module in set(XML_REFS.findall(path.read_text())):
            if module in ADDONS and module != addon:
                where = path.relative_to(ROOT)
                assert module in ADDONS[addon], f"{where} uses {module} undeclared"
