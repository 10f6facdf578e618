"""What ``scripts/remote-session`` prints about a session (plain Python).

Part of the helper described in ``remote_session_cli.py``: the lines of
``start``, ``status``, ``pause`` and ``finish``, and the exit codes of
``start`` and ``pause``.
"""

from collections.abc import Mapping

from remote_session_config import EXIT_EXISTED, EXIT_OK

START_STATUS = {
    "created": ("Started", EXIT_OK),
    "resumed": ("Resumed", EXIT_EXISTED),
    "running": ("Already running:", EXIT_EXISTED),
}


def format_elapsed(seconds) -> str:
    """``3599`` -> ``"0:59:59"``; hours are not capped at 24."""
    try:
        seconds = max(int(seconds or 0), 0)
    except (TypeError, ValueError):
        seconds = 0
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def describe_payload(payload: Mapping) -> str:
    """``RS/2026/00004 for Acme Industries``."""
    name = payload.get("name") or f"session {payload.get('id')}"
    partner = payload.get("partner")
    return f"{name} for {partner}" if partner else str(name)


def format_start(payload: Mapping) -> tuple[str, int]:
    """The line that says what ``start`` did, and its exit code.

    A ``--ref`` naming a finished or cancelled session finds it again (3,
    it exists already), but its clock cannot run: no program is run.
    """
    state = payload.get("state")
    if state != "running":
        order = payload.get("sale_order")
        billed = f" (billed on {order})" if order else ""
        return (
            f"{describe_payload(payload)} is {state or 'closed'}{billed}: it exists "
            "already and its clock did not start; use a new --ref for a new session.",
            EXIT_EXISTED,
        )
    verb, code = START_STATUS.get(payload.get("status"), ("Started", EXIT_OK))
    return f"{verb} {describe_payload(payload)}", code


def format_figures(payload: Mapping, verb: str = "Billable") -> str:
    """``Billable 13.00 Minutes, covered by the quota 0.00, amount 19.50 EUR``."""
    unit = payload.get("unit") or ""
    amount = float(payload.get("amount") or 0.0)
    return (
        f"{verb} {float(payload.get('billable') or 0.0):.2f} {unit}, covered by "
        f"the quota {float(payload.get('covered') or 0.0):.2f}, amount "
        f"{amount:.2f} {payload.get('currency') or ''}"
    ).rstrip()


def format_status(payload: Mapping) -> list[str]:
    if not payload.get("id"):
        return ["No running or paused session."]
    lines = [
        f"{describe_payload(payload)}: {payload.get('state')}, "
        f"{format_elapsed(payload.get('elapsed_seconds'))}"
    ]
    if "amount" in payload:
        lines.append(format_figures(payload))
    return lines


def format_paused(payload: Mapping) -> str:
    clock = format_elapsed(payload.get("elapsed_seconds"))
    return f"Paused {describe_payload(payload)} at {clock}"


def format_pause(payload: Mapping) -> tuple[str, int]:
    """What ``pause`` did, and its exit code: 3 when there was nothing to
    pause (already paused, or never started)."""
    status = payload.get("status")
    if status == "already_paused":
        clock = format_elapsed(payload.get("elapsed_seconds"))
        return f"{describe_payload(payload)} is already paused at {clock}", EXIT_EXISTED
    if status == "not_started":
        return (
            f"{describe_payload(payload)} has not started: nothing to pause",
            EXIT_EXISTED,
        )
    return format_paused(payload), EXIT_OK


def format_started(payload: Mapping) -> list[str]:
    """The sessions ``start`` paused to run this one, then what it did."""
    lines = [format_paused(other) for other in payload.get("paused_sessions") or []]
    return [*lines, format_start(payload)[0]]


def format_finished(payload: Mapping) -> list[str]:
    """The clock and the order, then what the customer pays."""
    clock = format_elapsed(payload.get("elapsed_seconds"))
    line = f"Finished {describe_payload(payload)}: {clock} on the clock"
    order = payload.get("sale_order")
    lines = [f"{line}, billed on {order}" if order else line]
    if "amount" in payload:
        lines.append(format_figures(payload, "Billed"))
    return lines
