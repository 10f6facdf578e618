"""Pure-Python logic of Service Contract Quota (no Odoo imports)."""
