"""Root conftest: lets database-free tests import ``<addon>.lib`` without Odoo.

Under pytest-odoo the addons are real packages (``odoo.addons.<addon>``), so
nothing is done there. Without it, each addon directory becomes a bare
namespace package, so ``import service_contract_quota.lib.quota`` skips the
addon's ``__init__.py`` (which imports Odoo models).
"""

import sys
import types
from pathlib import Path

if "odoo" in sys.modules:
    # pytest-odoo imports Odoo's test framework before it enables test mode,
    # which makes Odoo log a spurious ERROR; import it in test mode first.
    from odoo.tools import config

    enabled, config["test_enable"] = config["test_enable"], True
    import odoo.tests  # noqa: F401

    config["test_enable"] = enabled
else:
    for manifest in Path(__file__).parent.glob("*/__manifest__.py"):
        if manifest.parent.name not in sys.modules:
            package = types.ModuleType(manifest.parent.name)
            package.__path__ = [str(manifest.parent)]
            sys.modules[manifest.parent.name] = package
