"""`python -m data_sources COMMAND ...`: refresh (fetch and keep what is good; --watch keeps going), check
(does every series still resolve against the live API?)."""

from __future__ import annotations

import sys

from data_sources.service.commands import COMMANDS


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python -m data_sources {{{' | '.join(COMMANDS)}}} [options]", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
