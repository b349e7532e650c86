"""Command handlers in one explicit table: command type -> (handler, the roles
that may run it). A handler reads aggregates through the unit of work,
settles the acting organisation and calls the aggregates' command methods.

The handler modules import nothing from this package: nothing is registered
as a side effect of an import, and the table below is the one place that
says who may run what (docs/events.md copies it for people).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain import commands as c
from domain.commands import Command
from domain.handlers import certificates, corrections, enterprises, inflow, legacy, members, organisations
from domain.handlers import membership
from domain.handlers import activities, care, dues, reviews  # noqa: F401  (issue 16)
from domain.jurisdiction import ADMIN, FIELD_ROLES, OFFICERS
from domain.unit_of_work import UnitOfWork
from domain.vocab import Role

__all__ = ["HANDLERS", "run"]

Handler = Callable[[UnitOfWork, Any], UUID | None]

HANDLERS: dict[type[Command], tuple[Handler, frozenset[Role]]] = {
    # Organisations, officers, tokens, policy: the county admin.
    c.EstablishOrganisation: (organisations.establish, ADMIN),
    c.HandOverOrganisation: (organisations.hand_over, ADMIN),
    c.CloseOrganisation: (organisations.close, ADMIN),
    c.AppointOfficer: (organisations.appoint, ADMIN),
    c.RevokeOfficer: (organisations.revoke, ADMIN),
    c.IssueToken: (organisations.issue_token, ADMIN),
    c.RevokeToken: (organisations.revoke_token, ADMIN),
    c.RecordFullExport: (organisations.full_export, ADMIN),
    c.ChangePolicy: (organisations.change_policy, ADMIN),
    # A member's registration and movements.
    c.RegisterMember: (members.enrol, OFFICERS),
    c.RecordDeparture: (members.depart, OFFICERS),
    c.RecordReportIn: (members.report_in, FIELD_ROLES),
    c.RevealPersonalData: (members.reveal, OFFICERS),  # not inflow officers: they see who reported in, masked
    c.RecordContact: (members.contact, FIELD_ROLES),
    c.ChangeContactDetails: (members.change_details, FIELD_ROLES),
    c.MoveToBranch: (members.move, OFFICERS),
    c.RecordActivity: (members.activity, FIELD_ROLES),
    c.RecordDues: (members.dues, FIELD_ROLES),
    c.RecordReview: (members.review, OFFICERS),
    c.DecideProbation: (members.probation, OFFICERS),
    c.IssueTransferLetter: (members.transfer_letter, OFFICERS),
    c.RecordTransferReceipt: (members.transfer_receipt, OFFICERS),
    c.RecordReturn: (members.return_home, OFFICERS),
    c.EndMembership: (members.end_membership, OFFICERS),
    # -- member lifecycle: planned departures, short returns, liaisons, stopping membership --
    c.PlanDeparture: (members.plan_departure, OFFICERS),
    c.CancelPlannedDeparture: (members.cancel_departure, OFFICERS),
    c.RecordTemporaryReturn: (members.temporary_return, FIELD_ROLES),  # the home branch or where they went
    c.RecordGoingBack: (members.going_back, FIELD_ROLES),
    c.AssignLiaison: (membership.assign_liaison, OFFICERS),
    c.ProposeMembershipStop: (membership.propose_stop, OFFICERS),
    c.DecideMembershipStop: (membership.decide_stop, OFFICERS),  # another officer, at the level policy names
    c.ProposeRemoval: (membership.propose_removal, OFFICERS),
    c.DecideRemoval: (membership.decide_removal, OFFICERS),
    c.RecordRestorationRequest: (membership.request_restoration, OFFICERS),
    c.ResolveRestoration: (membership.resolve_restoration, OFFICERS),
    c.DecideRestoration: (membership.decide_restoration, OFFICERS),
    # -- transfer letters --
    # Inflow members (流入党员).
    # -- inflow --
    c.RegisterInflowMember: (inflow.register, FIELD_ROLES),  # inflow officers: only at their own organisation
    c.RecordInflowContact: (inflow.contact, FIELD_ROLES),
    c.RecordInflowActivity: (inflow.activity, FIELD_ROLES),
    c.CollectInflowDues: (inflow.dues, FIELD_ROLES),
    c.SendInflowOpinion: (inflow.opinion, FIELD_ROLES),
    c.RecordInflowLeaving: (inflow.leave, FIELD_ROLES),
    c.RecordInflowLegacySummary: (inflow.legacy_summary, ADMIN),
    # Non-public enterprises (非公有制企业).
    # -- enterprises --
    c.RegisterEnterprise: (enterprises.register, OFFICERS),
    c.AddEnterpriseWorker: (enterprises.add_worker, OFFICERS),
    c.RemoveEnterpriseWorker: (enterprises.remove_worker, OFFICERS),
    c.LinkEnterpriseOrganisation: (enterprises.link, OFFICERS),
    c.UnlinkEnterpriseOrganisation: (enterprises.unlink, OFFICERS),
    c.CloseEnterprise: (enterprises.close, OFFICERS),
    # -- activities --
    c.RecordOrgActivity: (activities.record, FIELD_ROLES),  # inflow officers: only for their own organisation
    # -- reviews and probation --
    c.RecordReviewOpinion: (reviews.opinion, FIELD_ROLES),  # the organisation reported in to, or the home side
    c.RecordProbationAssessment: (reviews.assessment, FIELD_ROLES),
    # -- dues --
    c.ApproveDuesReduction: (dues.approve_reduction, OFFICERS),  # the home branch's subtree
    # -- care --
    c.RequestCare: (care.request, FIELD_ROLES),  # inflow officers: only at their own organisation
    c.RecordCareService: (care.service, FIELD_ROLES),
    c.CloseCareRequest: (care.close, FIELD_ROLES),
    c.LogHotlineCall: (care.hotline, OFFICERS),  # the service centre's, a station's or a point's line
    # Activity certificates.
    c.AllocateBlanks: (certificates.allocate, ADMIN),
    c.RequestCertificate: (certificates.request, OFFICERS),
    c.ApproveRequest: (certificates.approve, OFFICERS),
    c.DeclineRequest: (certificates.decline, OFFICERS),
    c.IssueCertificate: (certificates.issue, OFFICERS),
    c.CheckCertificate: (certificates.check, OFFICERS),
    c.ReportCertificateLost: (certificates.report_lost, OFFICERS),
    c.ReplaceCertificate: (certificates.replace, OFFICERS),
    c.HandBackCertificate: (certificates.hand_back, OFFICERS),
    c.VoidBlank: (certificates.void_blank, OFFICERS),
    # Corrections and voids: who may record an event may correct it (checked in the handler).
    c.CorrectEvent: (corrections.correct, FIELD_ROLES),
    c.VoidEvent: (corrections.void, FIELD_ROLES),
    # What old registers say.
    c.RecordLegacyCertificate: (legacy.legacy_certificate, ADMIN),
    c.RecordLegacySummary: (legacy.legacy_summary, ADMIN),
}


def run(uow: UnitOfWork, command: Command) -> UUID | None:
    """Runs one command for the actor named by `uow.begin()`; returns its subject's id."""
    handler, roles = HANDLERS[type(command)]
    officer = uow.actor
    uow.jurisdiction.check_role(officer, roles, command.label)
    uow.field_command = Role.INFLOW_OFFICER in roles
    return handler(uow, command)
