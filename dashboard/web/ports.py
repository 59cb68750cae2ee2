"""Whether ``dashboard serve`` can listen where it was asked to, checked before anything starts.

Werkzeug prints its banner and only then fails on a busy port; the CLI asks here first, so a
busy port is one line that names a port to try instead.
"""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass

TRIES = 20  # ports after the asked one looked at for a suggestion


@dataclass(frozen=True)
class PortProblem:
    reason: str  # the system's words: "Address already in use"
    in_use: bool
    free: int | None  # a port after the asked one that is free now, if any


def _bind_error(host: str, port: int) -> OSError | None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as werkzeug does
        try:
            probe.bind((host, port))
        except OSError as err:
            return err
    return None


def port_problem(host: str, port: int) -> PortProblem | None:
    """None when ``host:port`` can be listened on now; else why not, with a free port to try."""
    err = _bind_error(host, port)
    if err is None:
        return None
    in_use = err.errno == errno.EADDRINUSE
    free = None
    if in_use:
        free = next(
            (
                p
                for p in range(port + 1, min(port + 1 + TRIES, 65536))
                if _bind_error(host, p) is None
            ),
            None,
        )
    return PortProblem(reason=err.strerror or str(err), in_use=in_use, free=free)
