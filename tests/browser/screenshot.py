"""Make the README's screenshot of the review page: ``python3 tests/browser/screenshot.py [OUT.png]``.

Starts the service on a free port of 127.0.0.1, loads the page's own example in Debian's headless
Chromium (through Playwright; no browser download), moves to the first doubtful word and shoots.
Not a test (pytest does not collect it)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from conftest import _serve_in_thread  # noqa: E402
from test_review_page import CHROMIUM, FLAGS, server  # noqa: E402


def main(out: str) -> None:
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    gen = server.__wrapped__(_serve_in_thread)  # the pytest fixture's generator, used by hand
    base = next(gen)
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
                viewport={"width": 1280, "height": 820}, device_scale_factor=1, locale="de-DE")
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(base + "/")
            page.wait_for_selector("body[data-init]")
            page.click("#example")
            page.click("#run")
            page.wait_for_selector("body[data-ready='1']")
            page.evaluate("document.getElementById('input').scrollTop = 0")
            page.locator("body").click(position={"x": 5, "y": 5})
            page.keyboard.press("n")
            page.wait_for_timeout(150)
            page.screenshot(path=out)
            context.close()
    finally:
        next(gen, None)
    print(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parent.parent / "docs" / "review-page.png"))
