"""Proofs for a certificate, from the real HTTP app, checked offline (no
store, no key) against digests auditors hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from domain.commands import IssueToken
from integrity.proofs import check_proof
from integrity.verify import Digest
from tests.support.stores import Clock, Store
from tests.support.county import SmallCounty
from tests.support.life import live_a_life

NUMBER = "511922-2024-00001"


@dataclass
class Audit:
    client: TestClient
    county: SmallCounty
    auditor: dict[str, str]
    admin: dict[str, str]

    def digest(self) -> Digest:
        answer = self.client.get("/integrity/digest", headers=self.auditor)
        assert answer.status_code == 200, answer.text
        return Digest.parse(answer.json()["digest"])

    def proof(self, at: int | None = None) -> Any:
        answer = self.client.get(f"/certificates/{NUMBER}/proof", params={"at": at} if at else {},
                                 headers=self.auditor)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def more_events(self) -> None:
        service = self.client.app.state.service  # type: ignore[attr-defined]
        service.ledger.execute(self.county.admin, IssueToken(officer_id=self.county.t1_officer))
        assert service.queries.wait_for(service.ledger.recorder.max_notification_id(), timeout=10)


@pytest.fixture
def audit(store: Store, clock: Clock) -> Iterator[Audit]:
    app = create_app(store.settings, clock)
    with TestClient(app) as client:
        service = app.state.service
        county = live_a_life(service.ledger)
        token = {who: service.ledger.execute(county.admin, IssueToken(officer_id=getattr(county, who))).token
                 for who in ("auditor", "admin")}
        assert service.queries.wait_for(service.ledger.recorder.max_notification_id(), timeout=10)
        yield Audit(client, county, {"Authorization": f"Bearer {token['auditor']}"},
                    {"Authorization": f"Bearer {token['admin']}"})


def test_a_proof_verifies_against_a_digest_taken_later_and_only_against_its_own(audit: Audit) -> None:
    earlier = audit.digest()
    audit.more_events()
    later = audit.digest()
    assert later.position > earlier.position
    proof = audit.proof(at=later.position)
    topics = [e["topic"] for e in proof["events"]]
    assert "liudong.certificate.Issued" in topics and len(topics) >= 4
    assert check_proof(proof, later) == []
    assert check_proof(audit.proof(at=earlier.position), earlier) == []
    assert check_proof(proof, earlier) != [], "a proof answers for the digest it was made for"
    assert check_proof(audit.proof(), later) == [], "by default, against the current head"


def test_changing_any_byte_of_a_proof_makes_it_fail(audit: Audit) -> None:
    digest = audit.digest()
    data = json.dumps(audit.proof(), ensure_ascii=False, separators=(",", ":")).encode()
    assert check_proof(json.loads(data), digest) == []
    survivors = []
    for index in range(len(data)):
        changed = bytearray(data)
        changed[index] ^= 0x01
        try:
            proof = json.loads(bytes(changed))
        except ValueError:
            continue  # no longer a proof at all
        if not check_proof(proof, digest):
            survivors.append((index, data[max(0, index - 20):index + 20]))
    assert survivors == []


def test_the_offline_check_needs_no_store_and_says_which_event_fails(audit: Audit, tmp_path: Path) -> None:
    digest = audit.digest()
    proof = audit.proof()
    good, bad = tmp_path / "proof.json", tmp_path / "bad.json"
    good.write_text(json.dumps(proof, ensure_ascii=False), encoding="utf-8")
    issued = next(e for e in proof["events"] if e["topic"] == "liudong.certificate.Issued")
    issued["content"]["effective_on"] = {"_type_": "date_iso", "_data_": "2024-07-01"}
    bad.write_text(json.dumps(proof, ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUDONG_") and k != "DATABASE_URL"}
    env["LIUDONG_DB"] = str(tmp_path / "no-such-folder" / "none.db")

    def offline(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cli.main", "verify-proof", str(path), "--digest", str(digest)],
                              env=env, capture_output=True, text=True, timeout=60)

    passed, failed = offline(good), offline(bad)
    assert passed.returncode == 0 and "证明成立" in passed.stdout
    assert failed.returncode == 1 and f"事件 {issued['position']}" in failed.stderr
    assert not (tmp_path / "no-such-folder").exists(), "the offline check opened no store"


def test_only_auditors_get_the_digest_and_a_proof_for_an_unsealed_position_is_refused(audit: Audit) -> None:
    assert audit.client.get("/integrity/digest", headers=audit.admin).status_code == 403
    assert audit.client.get("/integrity/digest").status_code == 401
    answer = audit.client.get(f"/certificates/{NUMBER}/proof", params={"at": 3}, headers=audit.auditor)
    assert answer.status_code == 422
    assert answer.json()["detail"]["field"] == "at" and "位置 3" in answer.json()["detail"]["message"]
    assert audit.client.get("/certificates/511922-2099-00001/proof", headers=audit.auditor).status_code == 404
