"""``python -m checkin`` and the frozen app's entry point."""

import sys

from checkin.cli import main

if __name__ == "__main__":
    sys.exit(main())
