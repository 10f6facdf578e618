"""Pure-Python logic of service_remote_timer (no Odoo imports)."""
