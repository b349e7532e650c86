"""Seals made before a change of which fields are personal still verify after
it: each seal is checked with the leaf format it was made with. The change
here is a throwaway one (employers become personal, as leaf format 2)."""

from __future__ import annotations

import json
from typing import Any

from domain.ids import certificate_id
from domain.ledger import Ledger
from integrity.leaves import FORMATS, Leaves
from integrity.proofs import build_proof, check_proof
from integrity.seals import Sealer
from integrity.tables import SealReader
from integrity.verify import Digest, verify
from tests.support.certificates import holder
from tests.support.county import SmallCounty
from tests.support.members import away

LATER = {**FORMATS, 2: FORMATS[1] | {"employer"}}
EMPLOYER = "成都某建筑公司"


def seal_from_now_on_with(ledger: Ledger, formats: dict[int, frozenset[str]]) -> Leaves:
    """What a release that adds a leaf format does: new seals use the newest."""
    leaves = Leaves(ledger.mapper, ledger.recorder.sealer.leaves.key, formats)
    ledger.recorder.sealer = Sealer(leaves)
    return leaves


def departures(ledger: Ledger) -> list[Any]:
    return [n for n in ledger.recorder.select_notifications(1, 10_000) if n.topic == "liudong.member.Departed"]


def test_seals_made_before_a_new_personal_field_still_verify_after_it(ledger: Ledger, county: SmallCounty) -> None:
    away(ledger, county, 1)  # sealed with format 1: the employer in clear
    leaves = seal_from_now_on_with(ledger, LATER)
    away(ledger, county, 2)  # sealed with format 2: the employer hidden
    report = verify(ledger.recorder, leaves)
    assert report.ok, report.problem
    assert report.leaf_formats[1] > 0 and report.leaf_formats[2] > 0
    reader = SealReader(ledger.recorder)
    old, new = departures(ledger)
    for event, leaf_format in ((old, 1), (new, 2)):
        seal = reader.at_position(event.id)
        assert seal is not None
        assert leaves.matching(seal.leaf_hash, event.id, event.originator_id, event.originator_version,
                               event.topic, event.state) == leaf_format
    assert leaves.content(old.state, 1)["employer"] == EMPLOYER
    assert leaves.content(new.state)["employer"] == {"commitment": leaves.commitment("employer", EMPLOYER)}


def test_editing_a_leaf_format_in_place_would_break_the_older_seals(ledger: Ledger, county: SmallCounty) -> None:
    away(ledger, county)
    edited = Leaves(ledger.mapper, ledger.recorder.sealer.leaves.key, {1: LATER[2]})
    report = verify(ledger.recorder, edited)
    assert report.problem is not None
    assert (report.problem.kind, report.problem.position) == ("edited", departures(ledger)[0].id)


def test_a_proof_names_the_newer_leaf_format_and_holds_offline(ledger: Ledger, county: SmallCounty) -> None:
    leaves = seal_from_now_on_with(ledger, LATER)
    _, number = holder(ledger, county)
    positions = [n.id for n in ledger.recorder.select_notifications(1, 10_000)
                 if n.originator_id == certificate_id(number)]
    head = SealReader(ledger.recorder).head()
    assert head is not None
    proof = json.loads(json.dumps(build_proof(ledger.recorder, leaves, positions, {"certificate_number": number})))
    assert proof["format"] == "liudong-proof/2"
    assert {e["leaf_format"] for e in proof["events"]} == {2}
    assert check_proof(proof, Digest(head.hash.hex(), head.position)) == []
    proof["events"][0]["leaf_format"] = 1
    assert check_proof(proof, Digest(head.hash.hex(), head.position)) != []
