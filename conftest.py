"""Every test, doctest and app test runs with an empty learner folder of its own.

The learner's real folder (imported notes, study progress) must never change what
a test sees, nor be written by one.
"""

import os
import tempfile

os.environ["AWSKG_USER_DATA"] = tempfile.mkdtemp(prefix="awskg-user-")
