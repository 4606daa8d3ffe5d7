"""The command line. Exit codes live here, not in `common`, so `archdraw --version`
starts without loading the design model."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
# A bug in archdraw, not in the input: CI must be able to tell it from findings (1).
EXIT_INTERNAL = 3
