"""Who acts on the command line, as the audit trail names them: 命令行（the operating-system
user running the command）."""

from __future__ import annotations

import getpass

from effmon import labels


def cli_actor() -> str:
    return labels.CLI_ACTOR.format(user=getpass.getuser())
