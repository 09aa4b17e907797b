"""WebKitGTK for the smoke test, driven by Selenium: WebKitGTK's own driver (WebKitWebDriver,
Debian's webkit2gtk-driver) drives its MiniBrowser on a virtual X display (Xvfb)."""

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


class Session:
    """The few things the smoke test does, in the words it uses."""

    def __init__(self, driver):
        self.driver = driver

    def go(self, url: str) -> None:
        self.driver.get(url)

    def run(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def wait_for(self, script: str, *args, timeout_s: float = 120):
        """The script's value once it is true."""
        return WebDriverWait(self.driver, timeout_s, poll_frequency=0.1).until(
            lambda driver: driver.execute_script(script, *args), f"not true within {timeout_s} s: {script}")

    def type_into(self, css: str, text: str) -> None:
        """Replace a field's text by `text`, as a visitor does it: keystrokes only (End,
        Backspaces, the new text), never WebDriver's "clear", which also fires `change`."""
        field = self.driver.find_element(By.CSS_SELECTOR, css)
        field.send_keys(Keys.END + Keys.BACKSPACE * len(field.get_property("value")) + text)


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
    # The driver named by path: Selenium Manager, which would look for one online, is not run.
    driver_path = shutil.which("WebKitWebDriver")
    if driver_path is None:
        raise AssertionError("WebKitWebDriver is missing: make test-navigateurs installs webkit2gtk-driver")
    xvfb, display = start_xvfb()
    home = tempfile.mkdtemp(prefix="webkit-")
    options = webdriver.WebKitGTKOptions()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    service = webdriver.WebKitGTKService(executable_path=driver_path,
                                         env={**os.environ, "DISPLAY": display, "HOME": home, "XDG_RUNTIME_DIR": home})
    driver = None
    try:
        driver = webdriver.WebKitGTK(options=options, service=service)
        driver.set_script_timeout(180)
        yield Session(driver)
    finally:
        if driver:
            driver.quit()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
