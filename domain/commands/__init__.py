"""Commands: what an officer asks the ledger to record, one frozen dataclass
each, split by area as `domain.handlers` is. Everything is re-exported here,
so `from domain.commands import RecordDeparture` works for every command."""

from domain.commands import certificates, corrections, enterprises, inflow, legacy, members, organisations
from domain.commands import activities, care, dues, reviews
from domain.commands.base import Command
from domain.commands.certificates import *  # noqa: F403
from domain.commands.corrections import *  # noqa: F403
from domain.commands.enterprises import *  # noqa: F403
from domain.commands.inflow import *  # noqa: F403
from domain.commands.legacy import *  # noqa: F403
from domain.commands.members import *  # noqa: F403
from domain.commands.organisations import *  # noqa: F403
from domain.commands.activities import *  # noqa: F403
from domain.commands.care import *  # noqa: F403
from domain.commands.dues import *  # noqa: F403
from domain.commands.reviews import *  # noqa: F403

__all__ = ["Command", *certificates.__all__, *corrections.__all__, *enterprises.__all__, *inflow.__all__,
           *legacy.__all__, *members.__all__, *organisations.__all__, *activities.__all__, *care.__all__,
           *dues.__all__, *reviews.__all__]
