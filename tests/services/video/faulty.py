"""Faulty RTSP peers for fault tests: a proxy that damages video payloads, a camera with an unknown codec."""

from __future__ import annotations

import contextlib
import re
import socket
import threading

from tests.services.video.hosts import FreezableProxy

UNKNOWN_CODEC_SDP = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                     "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H266/90000\r\na=control:track1\r\n")


class CorruptingProxy(FreezableProxy):
    """Forwards RTSP over TCP but overwrites 64 bytes inside every `every`-th large RTP video payload.

    The interleaved framing ($, channel, length) and RTP headers stay intact, so the damage reaches the
    decoder as a corrupt slice — what a flaky radio link or a buggy encoder does to a real camera.
    """

    def __init__(self, port: int, every: int = 20) -> None:
        self.every, self.corrupted = every, 0
        super().__init__(port)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self._conns += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._damage, args=(upstream, client), daemon=True).start()

    def _damage(self, src: socket.socket, dst: socket.socket) -> None:
        buf, seen = bytearray(), 0
        with contextlib.suppress(OSError):
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                buf += data
                while True:
                    if buf[:1] == b"$":
                        if len(buf) < 4 or len(buf) < 4 + int.from_bytes(buf[2:4], "big"):
                            break
                        size = int.from_bytes(buf[2:4], "big")
                        frame = buf[:4 + size]
                        if buf[1] == 0 and size > 600:
                            seen += 1
                            if seen % self.every == 0:
                                frame[4 + 12 + 200:4 + 12 + 264] = bytes(range(64))  # past RTP and NAL headers
                                self.corrupted += 1
                        dst.sendall(bytes(frame))
                        del buf[:4 + size]
                    else:  # an RTSP reply: headers, then Content-Length bytes of body
                        end = buf.find(b"\r\n\r\n")
                        if end < 0:
                            break
                        length = re.search(rb"Content-Length: *(\d+)", bytes(buf[:end]), re.IGNORECASE)
                        total = end + 4 + (int(length.group(1)) if length else 0)
                        if len(buf) < total:
                            break
                        dst.sendall(bytes(buf[:total]))
                        del buf[:total]
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)


class UnknownCodecCamera:
    """Answers OPTIONS/DESCRIBE/SETUP/PLAY like a camera whose only video track is H.266, then sends nothing."""

    def __init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self.uri = f"rtsp://127.0.0.1:{self.port}/vvc"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="vvc-camera", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        buf = b""
        with contextlib.suppress(OSError), conn:
            while not self._stop.is_set() and (data := conn.recv(4096)):
                buf += data
                while b"\r\n\r\n" in buf:
                    head, buf = buf.split(b"\r\n\r\n", 1)
                    conn.sendall(self._answer(head.decode(errors="replace")).encode())

    @staticmethod
    def _answer(request: str) -> str:
        cseq = (re.search(r"CSeq: *(\d+)", request) or re.search(r"()", "")).group(1)
        method, extra, body = request.split(" ", 1)[0], "", ""
        if method == "OPTIONS":
            extra = "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n"
        elif method == "DESCRIBE":
            body = UNKNOWN_CODEC_SDP
            extra = f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n"
        elif method in ("SETUP", "PLAY", "TEARDOWN"):
            extra = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 1234\r\n"
        return f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\n{extra}\r\n{body}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._sock.close()
