"""``python -m rekanan`` runs the command line."""

import sys

from rekanan.cli import main

sys.exit(main())
