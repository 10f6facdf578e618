from . import service_quota_topup
