"""``python -m graph`` is ``awskg``."""

import sys

from .cli import main

sys.exit(main())
