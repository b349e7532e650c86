"""The demo county: a Nanjiang-like county with the report's figures and five
years of history, loaded through the ledger's own rules."""

from demo.loader import DemoCounty, load_demo

__all__ = ["DemoCounty", "load_demo"]
