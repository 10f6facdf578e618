"""The program that ``scripts/remote-session start --exec`` times.

Part of the helper described in ``remote_session_cli.py``: ``--exec`` split
into arguments (never a shell), the children's environment (without the
password), the desktop opener of a link, and :class:`ProgramMixin`, which runs
the program while the clock runs, turns SIGTERM/SIGHUP into Ctrl-C and pauses
the session when the program ends, fails or is interrupted.
"""

import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Mapping

from remote_session_config import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    PASSWORD_ENV,
    PROG,
    CliError,
)
from remote_session_format import format_paused
from remote_session_rpc import classify_error


def split_command(text: str) -> list[str]:
    """``--exec`` as an argument list (shlex, never a shell)."""
    try:
        argv = shlex.split(text)
    except ValueError as error:
        raise CliError(EXIT_USAGE, f"--exec: {error}") from error
    if not argv:
        raise CliError(EXIT_USAGE, "--exec: no program given")
    return argv


def hide_password_from_children() -> None:
    """Take the password out of this process's environment, for good.

    ``os.environ.pop`` alone is not enough: on Linux a program the helper
    starts (``--exec``) runs as the same user and may read the environment
    the helper was started with from ``/proc/<pid>/environ``, which is the
    original memory block. So the value is overwritten there first, then
    removed. The caller keeps its own copy of the environment.
    """
    value = os.environ.get(PASSWORD_ENV)
    if value is None:
        return
    if sys.platform.startswith("linux"):
        _overwrite_environment_entry(PASSWORD_ENV)
    os.environ.pop(PASSWORD_ENV, None)


def _overwrite_environment_entry(name: str) -> None:
    import ctypes  # noqa: PLC0415  (Linux only)

    prefix = f"{name}=".encode()
    try:
        libc = ctypes.CDLL(None)
        environ = ctypes.POINTER(ctypes.c_void_p).in_dll(libc, "environ")
    except (OSError, ValueError):
        return
    index = 0
    while environ[index]:
        address = environ[index]
        entry = ctypes.string_at(address)
        if entry.startswith(prefix):
            # same length, so the block's layout stays as it was
            ctypes.memset(address + len(prefix), ord("x"), len(entry) - len(prefix))
        index += 1


def child_environment() -> dict[str, str]:
    """The environment of the programs the helper starts: without the password."""
    return {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}


def opener_command(url: str, platform: str) -> list[str] | None:
    """The desktop command that opens ``url`` with its registered handler."""
    if platform.startswith("win"):
        return None  # os.startfile
    if platform == "darwin":
        return ["open", url]
    return ["xdg-open", url]


class ProgramMixin:
    """``App``'s links and ``--exec`` program, and the pause after it.

    Uses ``self.platform``, ``self.json``, ``self.stderr``, ``self.say``,
    ``self.warn``, ``self.emit`` and ``self.call``.
    """

    def open_url(self, url: str) -> bool:
        """Hand ``url`` to the desktop (``anydesk:...`` has its own handler)."""
        command = opener_command(url, self.platform)
        try:
            if command is None:
                os.startfile(url)  # noqa: S606 (Windows only)
            else:
                subprocess.Popen(
                    command,
                    env=child_environment(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
        except OSError as error:
            self.warn(f"cannot open the link ({error.strerror or error}).")
            return False
        return True

    def run_program(self, payload: Mapping, argv: list[str], code: int) -> int:
        """Run ``argv`` while the clock runs; pause when it ends, fails or is cut."""
        session_id = payload["id"]
        self.say(f"Running {shlex.join(argv)}; the clock runs until it exits.")
        # With --json, stdout carries only the JSON document.
        output = None
        if self.json:
            try:
                output = self.stderr.fileno()
            except (AttributeError, ValueError, OSError):
                output = subprocess.DEVNULL
        try:
            process = subprocess.Popen(argv, stdout=output, env=child_environment())
        except OSError as error:
            paused = self.pause_after(session_id)
            reason = error.strerror or str(error)
            raise CliError(
                EXIT_ERROR,
                f"Cannot run {argv[0]}: {reason}. {format_paused(paused)}.",
            ) from error
        interrupted = False
        previous = self.trap_signals()
        try:
            returncode = process.wait()
        except KeyboardInterrupt:
            interrupted = True
            returncode = self.stop_program(process)
        finally:
            self.restore_signals(previous)
        paused = self.pause_after(session_id)
        result = {
            **payload,
            **paused,
            "status": payload.get("status"),
            "url": payload.get("url"),
            "program": {"argv": argv, "returncode": returncode},
        }
        if returncode:
            self.say(f"{argv[0]} exited with status {returncode}.")
        self.say(format_paused(paused))
        self.emit(result)
        if interrupted:
            self.warn("interrupted; the session is paused.")
            return EXIT_INTERRUPTED
        return code

    def pause_after(self, session_id: int) -> dict:
        try:
            return self.call("cli_pause", session_id=session_id)
        except Exception as error:
            code, message = classify_error(error)
            if code in (EXIT_UNREACHABLE, EXIT_ERROR, EXIT_INTERRUPTED):
                message = (
                    f"{message} The session (id {session_id}) may still be running: "
                    f"pause it in Odoo or with '{PROG} pause --session {session_id}'."
                )
            raise CliError(code, message) from error

    @staticmethod
    def stop_program(process, grace: float = 5.0) -> int:
        """After Ctrl-C (which the program got too): let it end, else end it."""
        for stop in (None, process.terminate, process.kill):
            if stop:
                stop()
            try:
                return process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            except KeyboardInterrupt:
                continue
        return process.wait()

    @staticmethod
    def trap_signals() -> dict:
        """SIGTERM/SIGHUP while the program runs: act as Ctrl-C (pause, exit)."""

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        previous = {}
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                try:
                    previous[number] = signal.signal(number, interrupt)
                except ValueError:  # not the main thread
                    pass
        return previous

    @staticmethod
    def restore_signals(previous: dict) -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)
