"""The OpenAPI document tells the truth about errors: every error status a
route documents carries the body the API really sends (`ErrorOut`), nothing
refers to FastAPI's default validation body (never sent), every route that
needs a token documents 401, every POST documents 413, and every route 500."""

from __future__ import annotations

from typing import Any

from api.app import create_app

ERROR_BODY = "#/components/schemas/ErrorOut"
WITHOUT_TOKEN = {"/health", "/livez", "/readyz"}
OWN_TOKEN = {"/metrics"}  # the metrics token: no county's, so none of a county's refusals


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    document = create_app().openapi()
    assert "HTTPValidationError" not in document["components"]["schemas"]
    return [(path, method, operation) for path, methods in document["paths"].items()
            for method, operation in methods.items()]


def test_every_error_status_documents_the_body_the_api_sends() -> None:
    for path, method, operation in operations():
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_BODY}, (method, path, status)
                assert answer["description"], (method, path, status)


def test_every_route_documents_401_413_and_500_where_they_can_happen() -> None:
    found = operations()
    assert len(found) > 45
    for path, method, operation in found:
        statuses = set(operation["responses"])
        assert "500" in statuses, (method, path)
        assert ("401" in statuses) == (path not in WITHOUT_TOKEN), (method, path)
        if method == "post":
            assert "413" in statuses, (method, path)
        if path not in WITHOUT_TOKEN | OWN_TOKEN:  # the county headers' refusals, and views behind a position asked for
            assert {"403", "422", "503"} <= statuses, (method, path)
