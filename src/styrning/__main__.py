"""`python -m styrning`."""

from styrning.cli import main

main()
