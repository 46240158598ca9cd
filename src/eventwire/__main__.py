"""Run the command line with ``python -m eventwire``."""

from eventwire.cli import main

main()
