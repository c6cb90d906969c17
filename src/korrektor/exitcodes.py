"""The exit statuses of every ``korrektor`` command, in one place (documented in docs/exit-codes.md).

The convention is the one shell users know from ftfy, OCRmyPDF and the coreutils: 0 done, 2 a
problem with what the user asked for (fix the command or the input and run it again), 1 the run
itself failed or finished with failures, 128 + N a signal N ended it.
"""

from __future__ import annotations

import enum

__all__ = ["ExitCode", "Interrupted", "STOPS", "stop_requested"]


class ExitCode(enum.IntEnum):
    #: everything asked for was done
    OK = 0
    #: done, but some records or files failed (``batch``, ``score``: see the error file); or
    #: korrektor failed: an internal error, a write that failed (a full disk, a closed pipe)
    FAILED = 1
    #: bad input or usage: a missing or unreadable file, bytes that are not UTF-8, an empty
    #: input, malformed JSONL or XML, an unknown option or value, an output that cannot be written
    USAGE = 2
    #: interrupted by Ctrl-C (SIGINT); a ``batch`` or ``score`` run continues with ``--resume``
    INTERRUPTED = 130
    #: terminated by SIGTERM (a job scheduler, ``kill``); ``--resume`` continues as after Ctrl-C
    TERMINATED = 143


class Interrupted(BaseException):
    """A signal asked the run to stop (raised from the SIGTERM handler, or by a command that
    turns Ctrl-C into a message of its own). A ``BaseException`` like ``KeyboardInterrupt``, so
    that no ``except Exception`` on the way swallows it, while ``finally`` blocks still clean up.
    """

    def __init__(self, message: str = "interrupted", code: ExitCode = ExitCode.INTERRUPTED):
        super().__init__(message)
        self.code = code


#: The signals that asked this command to stop, as the exceptions their handlers raised (see
#: ``cli._Group``). A signal's exception can be lost: raised while an extension module runs Python
#: code whose errors it ignores, it vanishes, and the command goes on. So the command still ends
#: with the signal's status when it returns, and a wait for input ends when it sees one here.
STOPS: list[BaseException] = []


def stop_requested() -> None:
    """Raise the exception of a signal that asked to stop, if one did."""
    if STOPS:
        raise STOPS[-1]
