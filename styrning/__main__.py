"""`python -m styrning`."""

from styrning.launcher import main

main()
