"""GET endpoints of the tamper-evident log: the chain head auditors keep, and
inclusion proofs for a certificate's events, to a digest or to a signed
checkpoint ([docs/integrity.md])."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.threads import ReadRoute
from api.access import require
from api.contract import errors
from api.auth import CurrentOfficer, ServiceDep
from api.params import MAX_POSITION
from api.schemas import CheckpointOut, ConsistencyOut, DigestOut
from domain import rules
from domain.vocab import Role
from integrity.consistency import FORMAT as CONSISTENCY_FORMAT
from integrity.consistency import consistency_path, consistent
from integrity.kept import kept_at
from integrity.proofs import ProofError, build_proof
from integrity.tables import SealReader
from service.checkpoints import Signer
from service.process import Service

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute)


@router.get("/integrity/digest", response_model=DigestOut, tags=["完整性"], responses=errors(401, 403, 404),
            summary="当前链头摘要（纪检巡察）：请在系统之外保存（打印、签字、寄送）")
def digest(service: ServiceDep, caller: CurrentOfficer) -> Any:
    require(caller, (Role.AUDITOR,), "获取完整性摘要")
    head = SealReader(service.ledger.recorder).head()
    if head is None:
        raise rules.NO_SEALS.refuse()
    return {"position": head.position, "hash": head.hash.hex(), "sealed_at": head.sealed_at,
            "digest": f"{head.hash.hex()}@{head.position}", "events": head.seq + 1}


@router.get("/integrity/checkpoint", response_model=CheckpointOut, tags=["完整性"],
            responses=errors(401, 403, 404, 409, 503),
            summary="签名检查点（纪检巡察）：当前链头的树大小与默克尔根，Ed25519 签名；不会签发比上次更小的树")
def checkpoint(service: ServiceDep, caller: CurrentOfficer) -> Any:
    require(caller, (Role.AUDITOR,), "获取签名检查点")
    return Signer(service, service.signing_seed).sign_head()


@router.get("/integrity/consistency", response_model=ConsistencyOut, tags=["完整性"],
            responses=errors(401, 403, 404, 422),
            summary="一致性证明（纪检巡察）：大小为 to 的树是大小为 from 的树的延续（RFC 9162），可离线核验")
def consistency(service: ServiceDep, caller: CurrentOfficer,
                tree_from: Annotated[int, Query(alias="from", ge=1, le=MAX_POSITION, description="较早的树的大小")],
                tree_to: Annotated[int, Query(alias="to", ge=1, le=MAX_POSITION, description="较晚的树的大小")]) -> Any:
    require(caller, (Role.AUDITOR,), "获取一致性证明")
    seals = SealReader(service.ledger.recorder)
    head = seals.head()
    if head is None:
        raise rules.NO_SEALS.refuse()
    if not tree_from <= tree_to <= head.seq + 1:
        raise rules.TREE_SIZES.refuse(field="to", head=head.seq + 1, first=tree_from, second=tree_to)
    first, second = seals.at_seq(tree_from - 1), seals.at_seq(tree_to - 1)
    assert first is not None and second is not None  # seals are numbered without gaps
    path = consistency_path(tree_from, seals.leaves_upto(tree_to - 1))
    if not consistent(tree_from, tree_to, first.root, second.root, path):  # the store disagrees with its seals
        raise rules.PROOF.refuse(field="to", reason="封印中的根与叶子不一致，请运行 liudong verify")
    return {"format": CONSISTENCY_FORMAT, "from": tree_from, "to": tree_to, "from_root": first.root.hex(),
            "to_root": second.root.hex(), "path": [h.hex() for h in path]}


@router.get("/certificates/{number}/proof", tags=["完整性"], responses=errors(401, 403, 404, 422),
            summary="活动证的完整性证明：其全部事件及默克尔包含证明，可离线对照摘要（liudong verify-proof）"
                    "或签名检查点（size=，liudong verify-inclusion）核验")
def proof(service: ServiceDep, caller: CurrentOfficer, number: str,
          at: Annotated[int | None, Query(ge=1, le=MAX_POSITION, description="所持摘要的位置（默认：当前链头）")] = None,
          size: Annotated[int | None, Query(ge=1, le=MAX_POSITION, description=(
              "所持签名检查点的树大小（检查点第二行）：证明到该大小的树，应答附该检查点（checkpoint）；"
              "未签发过该大小的检查点则 422 integrity.checkpoint_unknown；不能与 at 同时给出"))] = None) -> Any:
    require(caller, (Role.COUNTY_ADMIN, Role.AUDITOR), "获取完整性证明")
    row = service.queries.certificate(number)
    positions = [e["position"] for e in row["events"]]
    recorder = service.ledger.recorder
    note = None
    if size is not None:
        at, note = _checkpoint_position(service, size, at)
    try:
        answer = build_proof(recorder, recorder.sealer.leaves, positions, {"certificate_number": number}, at)
    except ProofError as error:
        raise rules.PROOF.refuse(field="size" if note else "at", reason=str(error)) from None
    return answer if note is None else {**answer, "checkpoint": note}


def _checkpoint_position(service: Service, size: int, at: int | None) -> tuple[int, str]:
    """The log position of the last leaf of the signed checkpoint of `size` leaves, and its note."""
    if at is not None:
        raise rules.PROOF.refuse(field="size", reason="at（摘要位置）与 size（检查点大小）只能给出一个")
    kept = kept_at(service.store, size)
    if kept is None:
        raise rules.CHECKPOINT_UNKNOWN.refuse(field="size", size=size)
    seal = SealReader(service.ledger.recorder).at_seq(size - 1)
    if seal is None or seal.root != kept.root:  # the store disagrees with what was signed
        raise rules.PROOF.refuse(field="size", reason=f"大小为 {size} 的检查点与封印不符，请运行 liudong verify")
    return seal.position, kept.note
