"""A staff page read with the app's own client and a page session (no
browser): for tests that compare what a page says with the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import Api

__all__ = ["page_of"]


def page_of(api: Api, who: str, path: str) -> str:
    """The page at `path` as `who` sees it, logged in with their token."""
    browser = TestClient(api.client.app, follow_redirects=False)
    assert browser.post("/ui/login", data={"token": api.tokens[who]}).status_code == 303
    answer = browser.get(path)
    assert answer.status_code == 200, answer.text
    return answer.text
