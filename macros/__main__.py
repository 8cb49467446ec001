"""``python -m macros``: the ``parcours`` command line."""

import sys

from macros.cli import main

sys.exit(main())
