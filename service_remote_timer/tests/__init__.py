from . import test_remote_menus
from . import test_remote_session
from . import test_bad_input
from . import test_remote_access
from . import test_concurrency
from . import test_remote_tour
from . import test_remote_session_helper
from . import test_remote_js
