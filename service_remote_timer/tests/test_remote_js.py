from odoo.tests import HttpCase, tagged

SUITE = "@service_remote_timer"


def hoot_id(name):
    """HOOT's job id of a suite or test name (its URL filter)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


def error_checker(message):
    return "[HOOT]" not in message


@tagged("post_install", "-at_install")
class TestRemoteTimerUnitJs(HttpCase):
    """The addon's HOOT unit tests (static/tests/*.test.js) in headless Chromium."""

    def test_hoot_unit_tests(self):
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&id={hoot_id(SUITE)}",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=error_checker,
        )
