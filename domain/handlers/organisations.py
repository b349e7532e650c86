"""Handlers for organisations, officers, their tokens and the county's policy."""

from __future__ import annotations

from uuid import UUID, uuid4

from domain import rules
from domain.commands import (
    AppointOfficer, ChangePolicy, CloseOrganisation, EstablishOrganisation, HandOverOrganisation, IssueToken,
    RecordFullExport, RevokeOfficer, RevokeToken,
)
from domain.credential import Credential, new_token
from domain.fields import check_choice
from domain.officer import Officer
from domain.organisation import Organisation
from domain.unit_of_work import UnitOfWork
from domain.vocab import OrgKind, Role


def _committee(uow: UnitOfWork) -> UUID:
    committee = uow.county().committee_id
    assert committee is not None
    return committee


def establish(uow: UnitOfWork, cmd: EstablishOrganisation) -> UUID:
    kind = check_choice("kind", "组织类型", cmd.kind, OrgKind)
    if kind == OrgKind.COUNTY_COMMITTEE:
        raise rules.ORG_COMMITTEE.refuse(field="kind")
    parent = uow.org(cmd.parent_id) if cmd.parent_id else None
    acts_for = uow.org(cmd.acts_for_id) if cmd.acts_for_id else None
    ctx = uow.ctx(uow.day(cmd), parent.id if parent else _committee(uow))
    org = Organisation.establish(ctx, cmd.org_id or uuid4(), kind, cmd.name, parent, acts_for,
                                 cmd.province, cmd.city)
    uow.add(org)
    return org.id


def hand_over(uow: UnitOfWork, cmd: HandOverOrganisation) -> UUID:
    org = uow.get(Organisation, cmd.org_id, rules.ORG_NOT_FOUND, cmd.expected_version, org=cmd.org_id)
    to = uow.org(cmd.to_org_id)
    within_county = _committee(uow) in uow.jurisdiction.ancestors(to.id)  # the county's tree reaches it
    org.hand_over(uow.ctx(uow.day(cmd), org.id), to, within_county)
    return org.id


def close(uow: UnitOfWork, cmd: CloseOrganisation) -> UUID:
    org = uow.get(Organisation, cmd.org_id, rules.ORG_NOT_FOUND, cmd.expected_version, org=cmd.org_id)
    org.close(uow.ctx(uow.day(cmd), org.id), cmd.reason)
    return org.id


def appoint(uow: UnitOfWork, cmd: AppointOfficer) -> UUID:
    role = check_choice("role", "角色", cmd.role, Role)
    org = uow.org(cmd.org_id)
    officer = Officer.appoint(uow.ctx(uow.day(cmd), _committee(uow)), cmd.officer_id or uuid4(),
                              cmd.name, role, org)
    uow.add(officer)
    return officer.id


def _officer(uow: UnitOfWork, officer_id: UUID, expected_version: int | None = None) -> Officer:
    return uow.get(Officer, officer_id, rules.OFFICER_NOT_FOUND, expected_version, officer=officer_id)


def revoke(uow: UnitOfWork, cmd: RevokeOfficer) -> UUID:
    officer = _officer(uow, cmd.officer_id, cmd.expected_version)
    officer.revoke(uow.ctx(uow.day(cmd), _committee(uow)), cmd.reason)
    return officer.id


def issue_token(uow: UnitOfWork, cmd: IssueToken) -> UUID:
    officer = _officer(uow, cmd.officer_id)
    if not officer.active:
        raise rules.OFFICER_REVOKED.refuse(field="officer_id")
    uow.token = new_token()
    credential = Credential.issue(uow.ctx(uow.day(cmd), _committee(uow)), officer.id, uow.token)
    uow.add(credential)
    return credential.id


def revoke_token(uow: UnitOfWork, cmd: RevokeToken) -> UUID:
    credential = uow.get(Credential, cmd.credential_id, rules.BAD_TOKEN)
    credential.revoke(uow.ctx(uow.day(cmd), _committee(uow)), cmd.reason)
    return credential.id


def full_export(uow: UnitOfWork, cmd: RecordFullExport) -> UUID:
    county = uow.county()
    if cmd.org_id is not None:
        uow.org(cmd.org_id)
    county.record_full_export(uow.ctx(uow.day(cmd), county.committee_id), cmd.org_id, cmd.rows, cmd.reason)
    return county.id


def change_policy(uow: UnitOfWork, cmd: ChangePolicy) -> UUID:
    county = uow.county()
    county.change_policy(uow.ctx(uow.day(cmd), county.committee_id), dict(cmd.changes))
    return county.id
