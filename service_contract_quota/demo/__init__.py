from . import service_billing_demo
