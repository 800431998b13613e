"""``python -m aidlod``: the same command line as the ``aidlod`` script."""

from .cli import main

main()
