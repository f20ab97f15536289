"""Slow down guessing of the console token: a growing lockout per client after a few wrong tries.

Kept in memory on purpose: the token is long (at least 32 characters), so the throttle only has to make
online guessing pointless, not survive restarts. With several server instances each keeps its own count.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FREE_ATTEMPTS = 3
"""Wrong tokens a client may send without delay: enough for a typo or two."""
MAX_LOCK_SECONDS = 300
FORGET_AFTER_SECONDS = 900
"""A client's count starts over when it has sent no wrong token for this long."""
MAX_CLIENTS = 10_000
"""Clients remembered at once; the oldest are forgotten first, so a flood cannot exhaust memory."""


@dataclass(slots=True)
class _Attempts:
    failures: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class LoginThrottle:
    """Count wrong tokens per client (its address) and lock it out for 1, 2, 4 … 300 seconds.

    Note:
        Behind a reverse proxy every client has the proxy's address, so the lockout becomes global.
        That is the safe side: it slows an attacker and honest owners alike, never neither.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, free_attempts: int = FREE_ATTEMPTS
    ) -> None:
        self._clock = clock
        self._free = free_attempts
        self._clients: OrderedDict[str, _Attempts] = OrderedDict()

    def wait(self, client: str) -> int:
        """Seconds this client must wait before its next attempt is even checked; 0 when it may try."""
        attempts = self._clients.get(client)
        if attempts is None:
            return 0
        now = self._clock()
        if now - attempts.last_failure > FORGET_AFTER_SECONDS:
            del self._clients[client]
            return 0
        return max(0, int(attempts.locked_until - now + 0.999))

    def failed(self, client: str) -> None:
        """Record a wrong token; beyond the free attempts, lock the client out, twice as long each time."""
        now = self._clock()
        attempts = self._clients.pop(client, None) or _Attempts()
        if now - attempts.last_failure > FORGET_AFTER_SECONDS:
            attempts = _Attempts()
        attempts.failures += 1
        attempts.last_failure = now
        beyond = attempts.failures - self._free
        if beyond > 0:
            attempts.locked_until = now + min(2 ** (beyond - 1), MAX_LOCK_SECONDS)
        self._clients[client] = attempts  # most recent last, for eviction
        while len(self._clients) > MAX_CLIENTS:
            self._clients.popitem(last=False)

    def succeeded(self, client: str) -> None:
        """The right token: forget the client's wrong ones."""
        self._clients.pop(client, None)
