from . import test_remote_menus
