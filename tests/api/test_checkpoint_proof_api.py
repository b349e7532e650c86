"""GET /certificates/{number}/proof?size=N on each store: the proof to the tree
of a signed checkpoint, with the checkpoint's note, checks offline
(`liudong verify-inclusion`) against that checkpoint and the signer's public
key only; another checkpoint, another key or any changed byte fails it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app as cli
from domain.commands import IssueToken
from integrity.checkpoints import open_checkpoint, vkey
from integrity.proofs import check_at_checkpoint, check_proof
from integrity.verify import Digest
from tests.support.life import live_a_life
from tests.support.stores import Clock, Store

NUMBER = "511922-2024-00001"
PATH = f"/certificates/{NUMBER}/proof"


@pytest.fixture
def audit(store: Store, clock: Clock) -> Iterator[tuple[TestClient, dict[str, str], Any]]:
    app = create_app(store.settings, clock)
    with TestClient(app) as client:
        service = app.state.service
        if service.signing_seed is None:  # PostgreSQL without LIUDONG_SIGNING_KEY
            service.signing_seed = bytes(range(32))
        county = live_a_life(service.ledger)
        token = service.ledger.execute(county.admin, IssueToken(officer_id=county.auditor)).token
        assert service.queries.wait_for(service.ledger.recorder.max_notification_id(), timeout=10)
        yield client, {"Authorization": f"Bearer {token}"}, (service, county)


def _verify_inclusion(tmp_path: Path, proof: Any, note: str, key: str) -> int:
    (tmp_path / "proof.json").write_text(json.dumps(proof, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "checkpoint").write_text(note, encoding="utf-8")
    return CliRunner().invoke(cli, ["verify-inclusion", str(tmp_path / "proof.json"), str(tmp_path / "checkpoint"),
                                    "--vkey", key]).exit_code


def test_a_proof_to_a_signed_checkpoint_verifies_against_it_only(audit: Any, tmp_path: Path) -> None:
    client, auditor, (service, county) = audit
    earlier = client.get("/integrity/checkpoint", headers=auditor).json()
    service.ledger.execute(county.admin, IssueToken(officer_id=county.t1_officer))
    later = client.get("/integrity/checkpoint", headers=auditor).json()
    answer = client.get(PATH, params={"size": earlier["size"]}, headers=auditor)
    assert answer.status_code == 200, answer.text
    proof = answer.json()
    assert proof["checkpoint"] == earlier["note"] and {"format", "subject", "digest", "head", "events"} <= set(proof)
    assert check_proof(proof, Digest.parse(proof["digest"])) == [], "still checks against its digest"
    public = Ed25519PrivateKey.from_private_bytes(service.signing_seed).public_key()
    assert check_at_checkpoint(proof, open_checkpoint(earlier["note"], earlier["origin"], public)) == []
    assert check_at_checkpoint(proof, open_checkpoint(later["note"], later["origin"], public)) != []
    assert _verify_inclusion(tmp_path, proof, earlier["note"], earlier["vkey"]) == 0
    assert _verify_inclusion(tmp_path, proof, later["note"], later["vkey"]) == 1
    stranger = vkey(earlier["origin"], Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33))).public_key())
    assert _verify_inclusion(tmp_path, proof, earlier["note"], stranger) == 1
    point = open_checkpoint(earlier["note"], earlier["origin"], public)
    # What a checkpoint vouches for (the note carried along, the digest and the head seal's other
    # fields are for verify-proof): every changed byte of it fails.
    trusted = {**proof, "head": {k: proof["head"][k] for k in ("seq", "root")}}
    for unused in ("checkpoint", "digest"):
        del trusted[unused]
    data = json.dumps(trusted, ensure_ascii=False, separators=(",", ":")).encode()
    for where in range(len(data)):
        changed = bytearray(data)
        changed[where] ^= 1
        try:
            altered = json.loads(bytes(changed))
        except ValueError:
            continue  # no longer a proof at all
        assert check_at_checkpoint(altered, point) != [], data[max(0, where - 30):where + 10]


def test_sizes_never_signed_or_asked_with_at_are_refused_and_documented(audit: Any) -> None:
    client, auditor, _ = audit
    size = client.get("/integrity/checkpoint", headers=auditor).json()["size"]
    unknown = client.get(PATH, params={"size": size - 1}, headers=auditor)
    assert unknown.status_code == 422 and unknown.json()["detail"]["code"] == "integrity.checkpoint_unknown"
    assert unknown.json()["detail"]["field"] == "size"
    both = client.get(PATH, params={"size": size, "at": 1}, headers=auditor)
    assert both.status_code == 422 and both.json()["detail"]["code"] == "integrity.proof"
    assert client.get(PATH, params={"size": 0}, headers=auditor).status_code == 422
    operation = client.get("/openapi.json").json()["paths"]["/certificates/{number}/proof"]["get"]
    assert "size" in {p["name"] for p in operation["parameters"]}
    assert {"403", "422", "503"} <= set(operation["responses"])
