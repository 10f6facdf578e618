from . import test_groups_and_menus, test_service_menu_tour
