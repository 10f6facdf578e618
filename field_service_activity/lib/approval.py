"""The approval of a service activity, without the database: which states
lock the report, which moves of the status a user may make, and the time
entries the labour is billed from."""

# Billed states: the report, its lines, time and kilometres are locked.
LOCKED_STATES = frozenset({"approved", "invoiced"})


def is_locked(state):
    """Whether an activity in ``state`` is billed and locked."""
    return state in LOCKED_STATES


def user_may_set_state(old, new):
    """Whether a user (not the billing engine) may move the status from
    ``old`` to ``new``: approval, invoicing and their undoing belong to the
    engine's hooks; planned, in progress and done are the work's own."""
    if old == new:
        return True
    return not (is_locked(old) or is_locked(new))


def entry_seconds(hours):
    """Whole seconds of each time entry given in hours, entries of no time
    left out (a timer started by mistake)."""
    result = []
    for value in hours:
        seconds = round((value or 0.0) * 3600)
        if seconds > 0:
            result.append(seconds)
    return result


def labour_seconds(entry_hours, approved_hours=None):
    """The time entries labour is billed from: each entry (the rounding rule
    rounds each one or their total), or, when a manager approved another
    duration, that duration as one entry. An empty list bills no labour."""
    if approved_hours is None:
        return entry_seconds(entry_hours)
    return entry_seconds([approved_hours])
