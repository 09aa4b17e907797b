"""The few W3C WebDriver commands the WebKit smoke test needs, over HTTP with the standard
library: WebKitGTK's own driver (WebKitWebDriver, Debian's webkit2gtk-driver) drives its
MiniBrowser, on a virtual X display (Xvfb)."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"     # the W3C key of an element reference
END, BACKSPACE = "\ue010", "\ue003"                  # WebDriver's codes for these keys


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Session:
    def __init__(self, base: str):
        self.base = base
        self.id = self.call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": {"binary": MINIBROWSER, "args": ["--automation"]}}}})["sessionId"]

    def call(self, method: str, path: str, body=None):
        path = path if path == "/session" else f"/session/{self.id}{path}"
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=180) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise AssertionError(f"WebDriver {method} {path}: {error.read().decode()[:500]}") from None

    def go(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def run(self, script: str, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait_for(self, script: str, *args, timeout_s: float = 120):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            value = self.run(script, *args)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"not true within {timeout_s} s: {script}")

    def element(self, css: str) -> dict:
        return self.call("POST", "/element", {"using": "css selector", "value": css})

    def type_into(self, css: str, text: str) -> None:
        """Replace a field's text by `text`, as a visitor does it: keystrokes only (End,
        Backspaces, the new text), never WebDriver's "clear", which also fires `change`."""
        element = self.element(css)[ELEMENT]
        length = len(self.run("return arguments[0].value;", {ELEMENT: element}))
        self.call("POST", f"/element/{element}/value", {"text": END + BACKSPACE * length + text})

    def quit(self) -> None:
        self.call("DELETE", "")


def start_xvfb() -> tuple:
    """(process, ":N"): Xvfb picks a free display and writes its number once it is ready
    (-displayfd), so that two runs never collide and nothing starts before the display."""
    read_end, write_end = os.pipe()
    log = tempfile.TemporaryFile()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=log)
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()      # empty if Xvfb exits first
    if not number:
        xvfb.kill()
        log.seek(0)
        raise AssertionError(f"Xvfb did not start: {log.read().decode(errors='replace')[-500:]}")
    return xvfb, f":{number}"


@contextmanager
def webkit_session():
    """A MiniBrowser session on its own Xvfb display, closed afterwards."""
    xvfb, display = start_xvfb()
    home = tempfile.mkdtemp(prefix="webkit-")
    env = {**os.environ, "DISPLAY": display, "HOME": home, "XDG_RUNTIME_DIR": home}
    port = free_port()
    driver = subprocess.Popen(["WebKitWebDriver", f"--port={port}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    session = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("WebKitWebDriver did not start") from None
                time.sleep(0.2)
        session = Session(f"http://127.0.0.1:{port}")
        yield session
    finally:
        if session:
            try:
                session.quit()
            except (AssertionError, OSError):
                pass
        for process in (driver, xvfb):
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
