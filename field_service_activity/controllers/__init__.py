from . import portal_activity
