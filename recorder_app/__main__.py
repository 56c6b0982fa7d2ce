import sys

from recorder_app.cli import main

sys.exit(main())
