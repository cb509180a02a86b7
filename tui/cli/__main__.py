"""``python -m tui.cli``: the same as ``bitext``."""

import sys

from tui.cli import main

sys.exit(main())
