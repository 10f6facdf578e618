from . import service_remote_session_cancel
