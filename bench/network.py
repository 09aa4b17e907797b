"""A phone's network on localhost: one shared link of a given bandwidth and round-trip time
that every response of the page and its workers goes through, from a server that gzips what
GitHub Pages gzips (serve.PagesLikeHandler: text and WebAssembly, not .zip or images)."""

import threading
import time

from serve import PagesLikeHandler

CHUNK = 16 * 1024


class SharedLink:
    """Bytes leave one chunk at a time, each in the next free slot of the link: concurrent
    responses share its bandwidth, as on one phone connection."""

    def __init__(self, mbit_per_s: float, rtt_ms: float):
        self.bytes_per_s = mbit_per_s * 1e6 / 8
        self.rtt_s = rtt_ms / 1000
        self.free_at = 0.0
        self.lock = threading.Lock()

    def send(self, write, data: bytes) -> None:
        for start in range(0, len(data), CHUNK):
            part = data[start:start + CHUNK]
            with self.lock:
                begin = max(time.monotonic(), self.free_at)
                self.free_at = begin + len(part) / self.bytes_per_s
                done = self.free_at
            time.sleep(max(0.0, done - time.monotonic()))
            write(part)


def throttled_handler(link: SharedLink, log):
    """Pages-like answers through `link`, each after one round trip (the request's way out
    and the first byte's way back), their wire bytes counted in `log` (bench/run.py's ByteLog)."""
    class ThrottledHandler(PagesLikeHandler):
        def parse_request(self):
            self.started_ms = time.time() * 1000
            return super().parse_request()

        def _answer(self, with_body: bool):
            time.sleep(link.rtt_s)
            super()._answer(with_body)

        def send_body(self, body: bytes) -> None:
            try:
                link.send(self.wfile.write, body)
            except (BrokenPipeError, ConnectionResetError):
                return          # the run ended (its browser closed) while this was on its way
            log.add(self.started_ms, len(body), self.path)
    return ThrottledHandler
