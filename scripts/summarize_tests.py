"""Summarise the JUnit reports of scripts/test.sh into one verdict.

usage: summarize_tests.py [--only ADDON] [--lint passed|failed|off]
                          REPORT.xml[:strict] ...

A report marked ``:strict`` (the Odoo and lifecycle runs) counts every skipped
test as a failure: a browser tour that Odoo skips for want of Chromium proves
nothing. Each addon of the suite must have run at least one Odoo test.
Prints counts per run and per addon, then one line ``N passed, M failed``;
exits 1 when anything failed.
"""

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SUITE = (
    "service_contract_quota",
    "service_remote_timer",
    "helpdesk_ticket_billing",
    "field_service_activity",
)


class Verdict:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.problems = []

    def fail(self, problem, count=1):
        self.failed += count
        self.problems.append(problem)


def outcome(case):
    if case.find("failure") is not None or case.find("error") is not None:
        return "failed"
    if case.find("skipped") is not None:
        return "skipped"
    return "passed"


def addon_of(case):
    """The addon a test belongs to (pytest runs with --rootdir at the repository)."""
    where = case.get("classname", "")
    return next((addon for addon in SUITE if where.startswith(f"{addon}.")), None)


def read_report(verdict, path, strict, suite):
    name = Path(path).stem
    if not Path(path).is_file():
        verdict.fail(f"{name}: no report (the run did not happen or crashed)")
        return
    cases = list(ET.parse(path).getroot().iter("testcase"))
    counts = Counter(outcome(case) for case in cases)
    detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    print(f"  {name:<10} {len(cases):4d} tests: {detail or 'none'}")
    if not cases:
        verdict.fail(f"{name}: no test ran")
    if name == "odoo":
        per_addon = Counter(addon_of(case) for case in cases)
        for addon in suite:
            print(f"    {addon:<26} {per_addon.get(addon, 0):4d} Odoo tests")
            if not per_addon.get(addon):
                verdict.fail(f"{addon}: no Odoo test ran")
    verdict.passed += counts["passed"]
    verdict.failed += counts["failed"]
    for case in cases:
        label = f"{case.get('classname')}.{case.get('name')}"
        if outcome(case) == "failed":
            verdict.problems.append(f"FAILED {label}")
        elif outcome(case) == "skipped" and strict:
            reason = case.find("skipped").get("message", "")
            verdict.fail(f"SKIPPED counts as failed: {label} ({reason})")


def main(args):
    verdict = Verdict()
    suite = SUITE
    if args[:1] == ["--only"]:
        suite, args = (args[1],), args[2:]
    if args[:1] == ["--lint"]:
        lint, args = args[1], args[2:]
        print(f"  lint       {lint}")
        if lint == "passed":
            verdict.passed += 1
        elif lint == "failed":
            verdict.fail("lint failed (.test-reports/lint.log)")
    for arg in args:
        path, _, mode = arg.partition(":")
        read_report(verdict, path, mode == "strict", suite)
    if not any(Path(arg.partition(":")[0]).stem == "odoo" for arg in args):
        verdict.fail("the Odoo tests did not run")
    for problem in verdict.problems:
        print(f"  ! {problem}")
    print(f"{verdict.passed} passed, {verdict.failed} failed")
    return 1 if verdict.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
