"""End to end in real headless Chromium (Debian's, driven by Playwright) against `communique serve`
on localhost: sign in, upload a document and watch it processed, find it by searching in another
language, open its partnership, confirm an evidence link, add an assessment and see the history
change, switch to Vietnamese; a document's <script> never runs. Screenshots of each main page go
to build/screenshots/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from communique import api
from communique.serve import tokens
from tests.serve.conftest import HOSTILE
from tests.track import corpus

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium tries Google's hosts, which this machine refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

REPORT = """---
title: Thailand and Malaysia open the Sadao–Bukit Kayu Hitam border crossing
published: 2027-02-01
---
Thailand and Malaysia open the Sadao–Bukit Kayu Hitam border crossing

Sadao, 1 February 2027 – The new border crossing at Sadao–Bukit Kayu Hitam opened to trucks and travellers today, as the two sides agreed in their joint statement of March 2025.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    corpus.write(folder / "corpus", tuple(corpus.FILES) + tuple(corpus.HISTORY_FILES))
    (folder / "corpus" / "9-hostile.md").write_text(HOSTILE, encoding="utf-8")
    db = "sqlite:///" + str(folder / "register.db")
    api.ingest([folder / "corpus"], db=db)
    token = tokens.create(api.open_store(db), "lan", "write")["token"]
    port = _free_port()
    env = os.environ | {"COMMUNIQUE_SECRET": "e2e-secret", "COMMUNIQUE_UPLOAD_DIR": str(folder / "uploads")}
    process = subprocess.Popen([sys.executable, "-c", "from communique.cli import main; main()", "serve", "--db", db, "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/api/v1/stats", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("the server stopped: " + (process.stdout.read() if process.stdout else ""))
            time.sleep(0.1)
    yield {"base": base, "token": token, "folder": folder}
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is installed by `make` (apt-get)"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    opened = context.new_page()
    opened.errors = []  # uncaught script errors and CSP refusals, checked by the tests
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _sign_in(page, server) -> None:
    page.goto(server["base"] + "/sign-in")
    _shot(page, "sign-in")
    page.fill("input[name=token]", server["token"])
    page.click("form.stack button[type=submit]")
    page.wait_for_url(server["base"] + "/")
    assert "lan (write)" in page.inner_text("header.top")


def test_an_analysts_day(page, server):
    base = server["base"]
    _sign_in(page, server)
    _shot(page, "dashboard")

    # Upload a document and watch it processed.
    page.goto(base + "/upload")
    upload = server["folder"] / "crossing-opened.md"
    upload.write_text(REPORT, encoding="utf-8")
    rejected = server["folder"] / "photo.exe"
    rejected.write_bytes(b"MZ")
    page.set_input_files("#files", [str(upload), str(rejected)])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#progress li.stored", timeout=120_000)
    page.wait_for_selector("#progress li.rejected", timeout=120_000)
    _shot(page, "upload")
    assert "not a kind of file" in page.inner_text("#progress")

    # Find it by searching in Vietnamese.
    page.goto(base + "/search?" + "q=" + "mở cửa khẩu biên giới Sadao" + "&mode=semantic")
    _shot(page, "search")
    assert "Sadao–Bukit Kayu Hitam border crossing" in page.inner_text("main")

    # Open its partnership.
    page.click("text=Thailand and Malaysia open the Sadao")
    page.wait_for_selector("h1")
    _shot(page, "document")
    page.goto(base + "/partnerships/MY-TH")
    _shot(page, "partnership")
    assert "Scorecard" in page.inner_text("main")

    # Confirm an evidence link on the scholarships clause.
    page.click("text=Thailand will provide 200 scholarships")
    page.wait_for_selector("#evidence")
    _shot(page, "commitment")
    proposed = page.locator("article.evidence.state-proposed").first
    evidence_id = proposed.get_attribute("id")
    proposed.locator("input[name=note]").fill("TICA press release seen")
    proposed.locator("button.ok").click()
    page.wait_for_load_state()
    assert page.locator(f"#{evidence_id}.state-confirmed").count() == 1
    assert "TICA press release seen" in page.inner_text(f"#{evidence_id}")

    # Add an assessment and see the history change.
    rows_before = page.locator("#history tbody tr, #history table tr[id^=assessment-]").count()
    page.select_option("form.assess select[name=implementation]", "partial")
    page.fill("form.assess input[name=note]", "first 200 awarded; the yearly round is not announced")
    page.click("form.assess button[type=submit]")
    page.wait_for_load_state()
    history = page.inner_text("#history")
    assert "first 200 awarded" in history
    assert page.locator("#history table tr[id^=assessment-]").count() > rows_before
    _shot(page, "commitment-assessed")

    # Switch to Vietnamese.
    page.click("a.lang-switch[hreflang=vi]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Lịch sử trạng thái" in page.inner_text("main")
    page.goto(base + "/partnerships/MY-TH")
    assert "Bảng điểm" in page.inner_text("main")
    _shot(page, "partnership-vi")
    assert not page.errors, page.errors


def test_a_document_that_holds_a_script_shows_it_as_text_and_never_runs_it(page, server):
    base = server["base"]
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "/search?q=Songkhla")
    page.click("main a[href^='/documents/']")
    page.wait_for_selector("h1")
    _shot(page, "hostile-document")
    assert "<script>window.pwned=1</script>" in page.inner_text("main")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() != "pwned" and page.title().endswith("· Communiqué")  # the text shown, not run
    assert not dialogs
    for path in ("/", "/documents", "/partnerships/MY-TH", "/search?q=Songkhla"):
        page.goto(base + path)
        assert page.evaluate("typeof window.pwned") == "undefined", path


def test_the_report_from_the_partnership_page_keeps_its_style_under_the_policy(page, server):
    page.goto(server["base"] + "/reports/MY-TH.html")
    _shot(page, "report")
    assert page.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle") == "solid"
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors
