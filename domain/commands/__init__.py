"""Commands: what an officer asks the ledger to record, one frozen dataclass
each, split by area as `domain.handlers` is. Everything is re-exported here,
so `from domain.commands import RecordDeparture` works for every command."""

from domain.commands.base import Command
from domain.commands.certificates import (
    AllocateBlanks, ApproveRequest, CheckCertificate, DeclineRequest, HandBackCertificate, IssueCertificate,
    ReplaceCertificate, ReportCertificateLost, RequestCertificate, VoidBlank,
)
from domain.commands.corrections import CorrectEvent, VoidEvent
from domain.commands.legacy import RecordLegacyCertificate, RecordLegacySummary
from domain.commands.members import (
    ChangeContactDetails, DecideProbation, EndMembership, IssueTransferLetter, MoveToBranch, RecordActivity,
    RecordContact, RecordDeparture, RecordDues, RecordReportIn, RecordReturn, RecordReview, RecordTransferReceipt,
    RegisterMember, RevealPersonalData,
)
from domain.commands.organisations import (
    AppointOfficer, ChangePolicy, CloseOrganisation, EstablishOrganisation, HandOverOrganisation, IssueToken,
    RecordFullExport, RevokeOfficer, RevokeToken,
)

__all__ = [
    "AllocateBlanks", "AppointOfficer", "ApproveRequest", "ChangeContactDetails", "ChangePolicy",
    "CheckCertificate", "CloseOrganisation", "Command", "CorrectEvent", "DeclineRequest", "DecideProbation",
    "EndMembership", "EstablishOrganisation", "HandBackCertificate", "HandOverOrganisation", "IssueCertificate",
    "IssueToken", "IssueTransferLetter", "MoveToBranch", "RecordActivity", "RecordContact", "RecordDeparture",
    "RecordDues", "RecordFullExport", "RecordLegacyCertificate", "RecordLegacySummary", "RecordReportIn",
    "RecordReturn", "RecordReview", "RecordTransferReceipt", "RegisterMember", "ReplaceCertificate",
    "ReportCertificateLost", "RequestCertificate", "RevealPersonalData", "RevokeOfficer", "RevokeToken",
    "VoidBlank", "VoidEvent",
]
