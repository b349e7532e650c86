"""The real app on the test's store (the API tests' fixture)."""

from tests.api.conftest import api  # noqa: F401  (a fixture, found by pytest here)
