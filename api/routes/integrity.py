"""GET endpoints of the tamper-evident log: the chain head auditors keep, and
inclusion proofs for a certificate's events ([docs/integrity.md])."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.threads import ReadRoute
from api.access import require
from api.contract import errors
from api.auth import CurrentOfficer, ServiceDep
from api.params import MAX_POSITION
from api.schemas import DigestOut
from domain import rules
from domain.vocab import Role
from integrity.proofs import ProofError, build_proof
from integrity.tables import SealReader

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


@router.get("/certificates/{number}/proof", tags=["完整性"], responses=errors(401, 403, 404, 422),
            summary="活动证的完整性证明：其全部事件及默克尔包含证明，可离线对照摘要核验（liudong verify-proof）")
def proof(service: ServiceDep, caller: CurrentOfficer, number: str,
          at: Annotated[int | None, Query(ge=1, le=MAX_POSITION, description="所持摘要的位置（默认：当前链头）")] = None) -> Any:
    require(caller, (Role.COUNTY_ADMIN, Role.AUDITOR), "获取完整性证明")
    row = service.queries.certificate(number)
    positions = [e["position"] for e in row["events"]]
    recorder = service.ledger.recorder
    try:
        return build_proof(recorder, recorder.sealer.leaves, positions, {"certificate_number": number}, at)
    except ProofError as error:
        raise rules.PROOF.refuse(field="at", reason=str(error)) from None
