"""The ledger's domain: aggregates, events, rules and policy, and the
application service that records commands. Pure Python: no HTTP, no SQL."""
