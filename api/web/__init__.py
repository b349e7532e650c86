"""Pages for the staff under /ui: server-rendered, Simplified Chinese, on the
same tokens and jurisdiction as the API ([docs/pages.md])."""
