"""``python -m bot serve`` as a real process on a free port, the way the Procfile starts it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import Mapping, Sequence

import aiohttp


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """Start the server, wait until it answers, stop it with SIGTERM and keep what it logged."""

    def __init__(self, env: Mapping[str, str], command: Sequence[str] = ("-m", "bot", "serve")) -> None:
        self.command = tuple(command)  # after the Python interpreter; another server for benchmarks
        self.port = free_port()
        self.env = {**os.environ, **env, "PORT": str(self.port)}
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: asyncio.subprocess.Process | None = None
        self.stderr = ""
        self._drain: asyncio.Task[bytes] | None = None

    async def start(self) -> None:
        """Exec the server (no shell, so SIGTERM reaches it) and wait for /healthz."""
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, *self.command, env=self.env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert self.process.stderr is not None
        # read the log continuously: a full pipe would block the server on its next log line
        self._drain = asyncio.create_task(self.process.stderr.read())
        async with aiohttp.ClientSession() as session:
            for _ in range(150):
                try:
                    async with session.get(f"{self.url}/healthz"):
                        return
                except aiohttp.ClientConnectionError:
                    if self.process.returncode is not None:
                        break
                    await asyncio.sleep(0.1)
        await self.stop()
        raise RuntimeError(f"server did not start:\n{self.stderr}")

    async def stop(self) -> int:
        """SIGTERM, wait for the exit, collect stderr; returns the exit code."""
        assert self.process is not None and self._drain is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        self.stderr = (await asyncio.wait_for(self._drain, 30)).decode()
        return await asyncio.wait_for(self.process.wait(), 30)
