"""``python -m dashboard.cli``: the ``dashboard`` command."""

from dashboard.cli import main

main()
