"""``python -m checkin`` and the frozen app's entry point."""

import multiprocessing
import sys

from checkin.cli import main

if __name__ == "__main__":
    # Bulk badge PDFs render in worker processes; a frozen app must let them start.
    multiprocessing.freeze_support()
    sys.exit(main())
