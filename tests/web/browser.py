"""Headless Debian Chromium through Playwright for the dashboard tests: one way to open the page."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_playwright():
    """(sync_playwright, expect), or skip with the reason when playwright or chromium is missing."""
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.skip("the playwright python package is not installed (pip install -r requirements-dev.txt)")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    return sync_playwright, expect


@dataclass
class Session:
    page: object
    external: list = field(default_factory=list)  # requests that tried to leave the server
    console_errors: list = field(default_factory=list)


@contextlib.contextmanager
def open_dashboard(base: str, profile_dir: Path, **context_options):
    """The dashboard at ``base``/ loaded in a fresh Chromium profile; any request to another host
    is blocked and recorded, console errors are recorded."""
    sync_playwright, _ = require_playwright()
    host = urlparse(base).netloc
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile_dir), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **context_options)
        try:
            page = context.new_page()
            session = Session(page)

            def guard(route):
                if urlparse(route.request.url).netloc == host:
                    route.continue_()
                else:
                    session.external.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            page.set_default_timeout(30_000)
            page.on("console", lambda m: session.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: session.console_errors.append(str(exc)))
            page.goto(base + "/")
            page.wait_for_selector("body[data-loaded=true]")
            yield session
        finally:
            context.close()
