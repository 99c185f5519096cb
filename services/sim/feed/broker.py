"""EmbeddedBroker: an in-process MQTT broker (amqtt) on its own thread and event loop, for the demo."""

from __future__ import annotations

import asyncio
import logging
import threading
from types import TracebackType
from typing import Self

from amqtt.broker import Broker

logger = logging.getLogger(__name__)

# amqtt and its state machine library log every connection at INFO; quiet them unless configured.
_CHATTY = ("amqtt", "transitions")


class EmbeddedBroker:
    """MQTT 3.1.1 on 127.0.0.1 (port 0 picks a free one); anonymous, no $SYS topics, nothing persisted."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host, self.port = host, port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._broker: Broker | None = None

    def start(self, timeout_s: float = 10.0) -> tuple[str, int]:
        """Start listening; returns (host, port) actually bound."""
        if self._broker is not None:
            return self.host, self.port
        for name in _CHATTY:
            if logging.getLogger(name).level == logging.NOTSET:
                logging.getLogger(name).setLevel(logging.WARNING)
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=self._serve, args=(loop,), name="mqtt-broker", daemon=True)
        self._thread.start()
        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
        }

        async def boot() -> Broker:
            broker = Broker(config)
            await broker.start()
            return broker

        try:
            self._broker = asyncio.run_coroutine_threadsafe(boot(), loop).result(timeout_s)
        except BaseException:
            self._halt()
            raise
        server = self._broker._servers["default"].instance  # the bound port is only known here
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        logger.info("embedded MQTT broker on %s:%d", self.host, self.port)
        return self.host, self.port

    @staticmethod
    def _serve(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        loop.run_forever()

    def stop(self, timeout_s: float = 10.0) -> None:
        if self._broker is not None and self._loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(self._broker.shutdown(), self._loop).result(timeout_s)
            except Exception:
                logger.exception("embedded MQTT broker did not shut down cleanly")
            self._broker = None
            try:
                asyncio.run_coroutine_threadsafe(self._cancel_rest(), self._loop).result(timeout_s)
            except Exception:
                logger.exception("embedded MQTT broker left tasks behind")
        self._halt()

    @staticmethod
    async def _cancel_rest() -> None:
        """Connection handlers still running after shutdown: cancel them so the loop closes cleanly."""
        rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in rest:
            task.cancel()
        await asyncio.gather(*rest, return_exceptions=True)

    def _halt(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5.0)
        if not thread.is_alive():
            loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
