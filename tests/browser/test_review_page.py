"""The review page in a real browser: Debian's Chromium, headless, driven by Playwright, against
the service under uvicorn on 127.0.0.1. Paste a damaged page, see the highlights, reject edits
(by mouse and by keyboard), pick an alternative, export, and check the exported text and log.

Skips when Playwright's Python package or Chromium is missing (CI installs both: the ``service``
extra and ``chromium`` in ``.ci/apt-packages.txt``). Playwright never downloads a browser here:
it launches the system's Chromium through ``executable_path``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")

import korrektor  # noqa: E402
from korrektor.edits import Edit, apply  # noqa: E402
from korrektor.service import Limits, create_app  # noqa: E402


def _chromium() -> str | None:
    for candidate in (os.environ.get("KORREKTOR_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]

# A page of our own, damaged the way Tesseract damages German read with the English model; it
# starts with two characters outside the BMP so that code-point and UTF-16 offsets differ.
PAGE = ("📚 𝔇ie Hiitte am See\n\n"
        "Im Friihjahr hat der Verein beschlossen, die alte Hiitte am Ufer zu\n"
        "erneuern. ,,Wir mochten, dass die Schiler hier wieder lernen kdnnen\",\n"
        "sagte die Biirgermeisterin am Dienstag. Die Mittel reichen fur zwei zusatz-\n"
        "liche Betten - und fur neue Biicher. Wahrend des Sommers bleibt sie offen.\n")
REVIEW_BELOW = 0.9


@pytest.fixture(scope="module")
def server(serve_in_thread):
    with serve_in_thread(create_app(Limits())) as url:
        yield url


@pytest.fixture
def page(server, tmp_path):
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="de-DE")
        context.set_default_timeout(15_000)
        pg = context.pages[0] if context.pages else context.new_page()
        pg.problems = []
        pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
        # nothing from elsewhere: only the services the tests start on 127.0.0.1
        pg.on("request", lambda r: r.url.startswith(("http://127.0.0.1:", "blob:", "data:"))
              or pg.problems.append(f"request to {r.url}"))
        try:
            yield pg
        finally:
            context.close()


def _alternatives(edit) -> list[str]:
    return [a for a in edit.alternatives if a not in (edit.after, edit.before)]


def test_review_a_damaged_page(server, page, tmp_path):
    # min_confidence 0: every correction is applied (no doubts), the review threshold still lists
    # the uncertain ones
    expected = korrektor.correct(PAGE, korrektor.Config(min_confidence=0.0))
    edits = list(expected.edits)
    assert not expected.doubts

    page.goto(server + "/")
    page.wait_for_selector("body[data-init]")
    page.fill("#input", PAGE)
    page.fill("#min-confidence", "0")
    page.fill("#review-below", str(REVIEW_BELOW))
    page.click("#run")
    page.wait_for_selector("body[data-ready='1']")
    assert page.inner_text("#error") == ""

    # every edit is highlighted, the page shows exactly the corrected text
    spans = page.locator("#doc .edit")
    assert spans.count() == len(edits)
    assert page.eval_on_selector("#doc", "el => el.textContent") == expected.text
    assert [s.get_attribute("data-kind") for s in spans.all()] == [e.kind for e in edits]
    for kind in {k for e in edits for k in e.kind.split("+")}:
        assert page.locator(f"#doc .edit.k-{kind}").count() > 0, kind
    colour = lambda sel: page.eval_on_selector(sel, "el => getComputedStyle(el).backgroundColor")  # noqa: E731
    assert colour("#doc .edit.k-word") != colour("#doc .edit.k-quote") != "rgba(0, 0, 0, 0)"

    # the doubtful edits are listed for review
    doubtful = [i for i, e in enumerate(edits) if e.confidence < REVIEW_BELOW]
    assert len(doubtful) >= 2, "the page should give at least two edits below the review threshold"
    assert page.locator("#doubts li").count() == len(doubtful)

    # hover: original and correction; click, then reject in the popover
    i_schiler = next(i for i, e in enumerate(edits) if e.before == "Schiler")
    span = spans.nth(i_schiler)
    span.hover()
    pop = page.locator("#pop")
    pop.wait_for(state="visible")
    assert "Schiler" in pop.inner_text() and "Schüler" in pop.inner_text()
    span.click()
    pop.locator("button[data-action=reject]").click()
    assert span.inner_text() == "Schiler" and span.get_attribute("data-state") == "rejected"
    page.keyboard.press("Escape")

    # keyboard: n to the first doubtful edit; pick its first alternative (1) or accept it (Enter);
    # n to the next; reject it with Delete
    decisions = {i_schiler: ("rejected", edits[i_schiler].before)}
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    first = edits[doubtful[0]]
    assert page.evaluate("document.activeElement.dataset.id") == str(doubtful[0])
    assert pop.is_visible() and first.before.replace("\n", "↵") in pop.inner_text()
    if _alternatives(first):
        page.keyboard.press("1")
        decisions[doubtful[0]] = ("alternative", _alternatives(first)[0])
    else:
        page.keyboard.press("Enter")
        decisions[doubtful[0]] = ("accepted", first.after)
    assert spans.nth(doubtful[0]).inner_text() == decisions[doubtful[0]][1]
    if page.evaluate("document.activeElement.dataset.id") == str(doubtful[0]):
        page.keyboard.press("n")  # Enter moved on by itself, a pick does not
    assert page.evaluate("document.activeElement.dataset.id") == str(doubtful[1])
    page.keyboard.press("Delete")
    decisions[doubtful[1]] = ("rejected", edits[doubtful[1]].before)
    assert spans.nth(doubtful[1]).get_attribute("data-state") == "rejected"
    assert f"{len(doubtful) - 2} von {len(doubtful)} offen" in page.inner_text("#stats")

    # export the reviewed text: the input with the accepted edits applied, computed by the page
    chosen = [e if i not in decisions else e.__class__(e.start, e.end, e.before, decisions[i][1], e.kind, e.rule)
              for i, e in enumerate(edits)]
    want = apply(PAGE, chosen)
    with page.expect_download() as download:
        page.click("#export-text")
    path = tmp_path / "korrigiert.txt"
    download.value.save_as(path)
    got = path.read_text(encoding="utf-8")
    assert got == want
    assert "Schiler" in got and "Schüler" not in got
    assert got != expected.text and got != PAGE

    # and the edit log
    with page.expect_download() as download:
        page.click("#export-log")
    log_path = tmp_path / "log.json"
    download.value.save_as(log_path)
    log = json.loads(log_path.read_text(encoding="utf-8"))
    assert log["input"] == PAGE and log["text"] == want
    assert [(e["start"], e["end"], e["before"], e["after"]) for e in log["edits"]] == \
        [(e.start, e.end, e.before, e.after) for e in edits]
    for i, e in enumerate(log["edits"]):
        decision, text = decisions.get(i, ("accepted", edits[i].after))
        assert (e["decision"], e["chosen"]) == (decision, text), i
        assert e["reviewed"] == (i in decisions)

    page.screenshot(path=str(tmp_path / "review.png"))
    assert page.problems == []


def _open(page, url):
    page.goto(url + "/")
    page.wait_for_selector("body[data-init]")


def _choose_file(page, name, data: bytes, uploads: int):
    """Choose a file as a person does; wait until the page has the service's answer."""
    page.set_input_files("#file", files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
    page.wait_for_selector(f"body[data-uploads='{uploads}']")


LATIN1 = "Die Prüfung".encode("latin-1")


def test_errors_are_shown_in_german_and_replace_the_results(server, page):
    _open(page, server)
    assert page.is_hidden("#token-row")  # this service has no token
    page.click("#run")
    assert "Text" in page.inner_text("#error")

    _choose_file(page, "gut.txt", "Die Prufung der Lésungen.\n".encode(), 1)
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("#input") == "Die Prufung der Lésungen.\n"
    assert page.eval_on_selector("#doc", "el => el.textContent") == korrektor.correct("Die Prufung der Lésungen.\n").text
    assert page.input_value("#file") == ""  # reset, so that the same file chosen again is read again

    # a Latin-1 file: the error in German (the service's English in the tooltip), the previous
    # document's results gone
    _choose_file(page, "alt.txt", LATIN1, 2)
    error = page.inner_text("#error")
    assert error.startswith("Die Datei ist kein UTF-8-Text") and "Unlesbare Bytes als � lesen" in error
    assert "not valid UTF-8" not in error and "not valid UTF-8" in page.get_attribute("#error", "title")
    assert page.is_hidden("#review") and page.eval_on_selector("#doc", "el => el.textContent") == ""

    # the control the message names: the same file again, its bytes read as U+FFFD
    page.check("#replace-bytes")
    _choose_file(page, "alt.txt", LATIN1, 3)
    page.wait_for_selector("body[data-ready='2']")
    assert page.input_value("#input") == "Die Pr\ufffdfung"
    assert page.is_hidden("#error") and "als �" in page.inner_text("#notice")
    assert page.is_visible("#review")
    assert all("400" in p for p in page.problems), page.problems  # the browser logs the 400 itself


def test_a_file_too_large_is_said_in_german(serve_in_thread, page):
    with serve_in_thread(create_app(Limits(max_body_bytes=4096))) as url:
        _open(page, url)
        _choose_file(page, "gross.txt", b"Die Prufung. " * 1000, 1)
        assert page.inner_text("#error") == ("Die Datei ist zu groß: höchstens 4 kB sind möglich. "
                                             "Bitte in kleineren Teilen korrigieren.")
        assert "too large" in page.get_attribute("#error", "title")
    assert all("413" in p for p in page.problems), page.problems


def test_a_service_with_a_token_asks_for_it(serve_in_thread, page):
    with serve_in_thread(create_app(Limits(), token="geheim-42")) as url:
        _open(page, url)
        page.wait_for_selector("#token-row", state="visible")  # /healthz says the API needs one
        page.fill("#input", "Die Prufung.")
        page.click("#run")
        page.wait_for_function("!document.getElementById('error').hidden")
        assert page.inner_text("#error").startswith("Dieser Dienst verlangt einen Zugangsschlüssel")
        page.fill("#token", "geheim-42")
        page.click("#run")
        page.wait_for_selector("body[data-ready='1']")
        assert page.eval_on_selector("#doc", "el => el.textContent") == "Die Prüfung."
        # kept for this tab only: back after a reload, not in localStorage
        assert page.evaluate("sessionStorage.getItem('korrektor-token')") == "geheim-42"
        assert page.evaluate("localStorage.length") == 0
        _open(page, url)
        assert page.input_value("#token") == "geheim-42"
    assert all("401" in p for p in page.problems), page.problems


def _nearly_sure(text, config):
    """korrektor.correct with every word correction 0.99994 sure: the API sends 0.9999 (it keeps four
    decimals), which rounding to two would show as 1.00."""
    result = korrektor.correct(text, config)
    edits = tuple(dataclasses.replace(e, confidence=0.99994) if e.kind == "word" else e for e in result.edits)
    return dataclasses.replace(result, edits=edits)


def test_confidences_are_shown_rounded_down(serve_in_thread, page):
    from korrektor.edits import format_confidence

    sent = [Edit.from_dict(e.to_dict()) for e in _nearly_sure(PAGE, korrektor.Config(min_confidence=0.0)).edits]
    listed = [e for e in sent if e.confidence < 1]
    assert any(e.confidence == 0.9999 for e in listed)
    with serve_in_thread(create_app(Limits(), correct=_nearly_sure)) as url:
        _open(page, url)
        page.fill("#input", PAGE)
        page.fill("#min-confidence", "0")
        page.fill("#review-below", "1")  # every edit below 1 is listed, with its confidence
        page.click("#run")
        page.wait_for_selector("body[data-ready='1']")
        assert page.locator("#doubts .conf").all_inner_texts() == [format_confidence(e.confidence) for e in listed]
        assert "1.00" not in page.inner_text("#doubts")
        first_word = next(i for i, e in enumerate(sent) if e.kind == "word")
        page.locator("#doc .edit").nth(first_word).hover()
        assert "Konfidenz 0.99 " in page.inner_text("#pop .meta") + " "
    assert page.problems == []

