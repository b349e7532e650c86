"""GET /integrity/consistency on each store: the auditor's proof that the log
as it stands extends the log it saw earlier checks offline (no store, no key)
against the roots of both trees; sizes out of range are refused."""

from __future__ import annotations

from integrity.consistency import consistent
from tests.api.conftest import Api
from tests.support.members import enrol


def _size(api: Api) -> int:
    return int(api.get("auditor", "/integrity/digest").json()["events"])


def test_a_later_log_is_proved_to_extend_an_earlier_one(api: Api) -> None:
    earlier = _size(api)
    for seq in range(1, 4):
        enrol(api.service.ledger, api.county, seq)
    later = _size(api)
    assert later > earlier
    answer = api.get("auditor", "/integrity/consistency", **{"from": earlier, "to": later})
    assert answer.status_code == 200, answer.text
    proof = answer.json()
    assert (proof["format"], proof["from"], proof["to"]) == ("liudong-consistency/1", earlier, later)
    old, new = bytes.fromhex(proof["from_root"]), bytes.fromhex(proof["to_root"])
    path = [bytes.fromhex(h) for h in proof["path"]]
    assert consistent(earlier, later, old, new, path)
    assert not consistent(earlier, later, old, new, path[::-1] if len(path) > 1 else path + path)
    same = api.get("auditor", "/integrity/consistency", **{"from": later, "to": later}).json()
    assert same["path"] == [] and same["from_root"] == same["to_root"] == proof["to_root"]


def test_sizes_out_of_range_and_other_roles_are_refused(api: Api) -> None:
    size = _size(api)
    for first, second in ((size, size + 1), (2, 1)):
        refused = api.get("auditor", "/integrity/consistency", **{"from": first, "to": second})
        assert refused.status_code == 422 and refused.json()["detail"]["code"] == "integrity.tree_size"
    assert api.get("auditor", "/integrity/consistency", **{"from": 0, "to": 1}).status_code == 422
    assert api.get("admin", "/integrity/consistency", **{"from": 1, "to": size}).status_code == 403


def test_the_auditor_gets_a_signed_checkpoint_of_the_head(api: Api) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from integrity.checkpoints import open_checkpoint

    if api.service.signing_seed is None:  # PostgreSQL without LIUDONG_SIGNING_KEY: refused, never improvised
        refused = api.get("auditor", "/integrity/checkpoint")
        assert refused.status_code == 503 and refused.json()["detail"]["code"] == "integrity.signing_key"
        api.service.signing_seed = bytes(range(32))
    signed = api.get("auditor", "/integrity/checkpoint").json()
    key = Ed25519PrivateKey.from_private_bytes(api.service.signing_seed).public_key()
    opened = open_checkpoint(signed["note"], signed["origin"], key)
    assert (opened.size, opened.root.hex()) == (_size(api), signed["root"])
    assert api.get("admin", "/integrity/checkpoint").status_code == 403
