"""Security headers: the pages may not be framed and load only from the
service itself (CSP, X-Frame-Options), and no response may be content-sniffed;
the templates hold no inline script, style or event handler a strict CSP would block."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api.conftest import Api

TEMPLATES = Path(__file__).parents[2] / "api" / "web" / "templates"


def test_pages_may_not_be_framed_and_load_only_from_the_service(api: Api) -> None:
    for path in ("/ui/login", "/ui/register", "/ui/static/style.css", "/ui/no-such-page"):
        answer = api.client.get(path, follow_redirects=False)
        policy = answer.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert answer.headers.get("X-Frame-Options") == "DENY", path
        assert answer.headers.get("X-Content-Type-Options") == "nosniff", path


def test_the_json_api_is_not_sniffed_and_keeps_its_own_documentation_page(api: Api) -> None:
    for answer in (api.client.get("/health"), api.get(None, "/register"), api.get("admin", "/register")):
        assert answer.headers.get("X-Content-Type-Options") == "nosniff"
        assert "Content-Security-Policy" not in answer.headers
    assert "Content-Security-Policy" not in api.client.get("/docs").headers, "Swagger UI loads its own scripts"


def test_no_template_has_an_inline_script_style_or_event_handler() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"\son[a-z]+\s*=", text), f"{template.name}: inline event handler"
        assert not re.search(r"\sstyle\s*=|<style", text), f"{template.name}: inline style"
        for script in re.findall(r"<script[^>]*>", text):
            assert "src=" in script or 'type="application/json"' in script, f"{template.name}: {script}"
