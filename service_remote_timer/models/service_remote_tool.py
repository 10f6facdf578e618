from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.url_template import (
    ALLOWED_SCHEMES,
    PLACEHOLDERS,
    TemplateError,
    compact_id,
    render,
)
from ..lib.url_template import validate as validate_template


class ServiceRemoteTool(models.Model):
    """A remote-support program opened through a URL built from a template."""

    _name = "service.remote.tool"
    _description = "Remote Support Tool"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    icon = fields.Char(
        default="fa-desktop",
        help="Font Awesome icon of the tool's button, e.g. fa-desktop, fa-terminal.",
    )
    url_template = fields.Char(
        string="URL template",
        required=True,
        help="The link that opens the tool. Placeholders: {remote_id} (the "
        "customer's ID for this tool), {partner} (customer name), {session} "
        "(session reference). Examples: anydesk:{remote_id}, "
        "rustdesk://{remote_id}, teamviewer10://control?device={remote_id}, "
        "rdp://full%20address=s:{remote_id}, ssh://{remote_id}.",
    )
    access_count = fields.Integer(compute="_compute_access_count")

    def _compute_access_count(self):
        counts = dict(
            self.env["service.remote.access"]._read_group(
                [("tool_id", "in", self.ids)], ["tool_id"], ["__count"]
            )
        )
        for tool in self:
            tool.access_count = counts.get(tool, 0)

    @api.constrains("url_template")
    def _check_url_template(self):
        for tool in self:
            try:
                validate_template(tool.url_template or "")
            except TemplateError as error:
                raise ValidationError(self._template_message(tool, error)) from error

    def _template_message(self, tool, error):
        """The lib's template error, in the user's language."""
        params = error.params
        messages = {
            "empty": self.env._(
                "The URL template of %(tool)s is empty.", tool=tool.name
            ),
            "no_scheme": self.env._(
                "The URL template of %(tool)s must start with the tool's scheme, "
                "such as anydesk: or rustdesk://.",
                tool=tool.name,
            ),
            "scheme": self.env._(
                "The URL template of %(tool)s uses the scheme %(scheme)s:, which is "
                "not allowed. Allowed schemes: %(allowed)s.",
                tool=tool.name,
                scheme=params.get("scheme"),
                allowed=", ".join(ALLOWED_SCHEMES),
            ),
            "braces": self.env._(
                "The URL template of %(tool)s has unbalanced braces.", tool=tool.name
            ),
            "placeholder": self.env._(
                "The URL template of %(tool)s uses the unknown placeholder "
                "%(placeholder)s. Known placeholders: %(known)s.",
                tool=tool.name,
                placeholder=params.get("placeholder"),
                known=", ".join("{" + name + "}" for name in PLACEHOLDERS),
            ),
            "format": self.env._(
                "The placeholder %(placeholder)s in the URL template of %(tool)s "
                "takes no format.",
                tool=tool.name,
                placeholder=params.get("placeholder"),
            ),
            "missing": self.env._(
                "%(tool)s needs a value for %(placeholders)s: add the customer's "
                "remote ID for this tool.",
                tool=tool.name,
                placeholders=params.get("placeholders"),
            ),
        }
        return messages.get(error.kind, str(error))

    def _render_url(self, remote_id, partner, session_ref):
        """The tool's URL for one customer ID (spaces typed for reading it
        removed); UserError-style message on failure."""
        self.ensure_one()
        try:
            return render(
                self.url_template,
                remote_id=compact_id(remote_id),
                partner=partner or "",
                session=session_ref or "",
            )
        except TemplateError as error:
            raise ValidationError(self._template_message(self, error)) from error
