from datetime import UTC, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib.recurrence import next_occurrence

# States in which an occurrence is over and its successor may be planned.
FINISHED = ("done", "approved", "invoiced")
CRON_BATCH = 100


class FsmOrder(models.Model):
    """Recurring activities: when an occurrence is done, the next one is
    created once, on the series' next date, for the same equipment and planned
    parts, and waits for a technician."""

    _inherit = "fsm.order"

    service_recurrence_anchor = fields.Datetime(
        string="Series start",
        copy=False,
        readonly=True,
        help="The first occurrence's planned start: every occurrence of the "
        "series is counted from it.",
    )

    service_recurrence_ended = fields.Boolean(
        string="Series ended",
        copy=False,
        readonly=True,
        help="This occurrence was the series' last one: its end date comes "
        "before the next date.",
    )

    _sql_constraints = [
        (
            "service_previous_unique",
            "UNIQUE(service_previous_id)",
            "An occurrence has only one next occurrence.",
        ),
    ]

    @api.constrains(
        "service_kind",
        "service_recurrence_interval",
        "service_recurrence_unit",
        "service_recurrence_until",
        "scheduled_date_start",
    )
    def _check_service_recurrence(self):
        for order in self.filtered(lambda o: o.service_kind == "recurring"):
            if (
                order.service_recurrence_interval < 1
                or not order.service_recurrence_unit
            ):
                raise ValidationError(
                    self.env._(
                        "A recurring activity repeats every 1 or more weeks, "
                        "months or years (%(activity)s).",
                        activity=order.name,
                    )
                )
            anchor = order._service_series_anchor()
            until = order.service_recurrence_until
            if until and until < anchor.date():
                raise ValidationError(
                    self.env._(
                        "Activity %(activity)s repeats until %(until)s, before "
                        "its series starts.",
                        activity=order.name,
                        until=until,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if vals.get("service_state") in FINISHED:
            self.filtered(
                lambda o: o.service_kind == "recurring"
            )._service_plan_next_occurrence()
        return result

    def _service_zone(self):
        """The site's time zone: the series keeps the visit's local time."""
        self.ensure_one()
        name = (
            self.location_id.tz
            or self.company_id.partner_id.tz
            or self.env.user.tz
            or "UTC"
        )
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return UTC

    def _service_moment(self):
        """When this occurrence is (planned, else started, else now): naive UTC."""
        self.ensure_one()
        return self.scheduled_date_start or self.date_start or fields.Datetime.now()

    def _service_series_anchor(self):
        self.ensure_one()
        return self.service_recurrence_anchor or self._service_moment()

    def _service_next_start(self):
        """The next occurrence's start (naive UTC), or None when the series ends."""
        self.ensure_one()
        zone = self._service_zone()

        def local(moment):
            return moment.replace(tzinfo=UTC).astimezone(zone)

        found = next_occurrence(
            local(self._service_series_anchor()),
            local(self._service_moment()),
            self.service_recurrence_interval,
            self.service_recurrence_unit,
            self.service_recurrence_until or None,
        )
        return found.astimezone(UTC).replace(tzinfo=None) if found else None

    def _service_next_occurrence_vals(self, start):
        self.ensure_one()
        end = start + timedelta(hours=self.scheduled_duration or 0)
        return {
            "service_kind": "recurring",
            "service_previous_id": self.id,
            "service_recurrence_anchor": self._service_series_anchor(),
            "service_recurrence_interval": self.service_recurrence_interval,
            "service_recurrence_unit": self.service_recurrence_unit,
            "service_recurrence_until": self.service_recurrence_until,
            "service_equipment_id": self.service_equipment_id.id,
            "service_partner_id": self.service_partner_id.id,
            "location_id": self.location_id.id,
            "company_id": self.company_id.id,
            "team_id": self.team_id.id,
            "type": self.type.id,
            "equipment_ids": [Command.set(self.equipment_ids.ids)],
            "category_ids": [Command.set(self.category_ids.ids)],
            "tag_ids": [Command.set(self.tag_ids.ids)],
            "description": self.description,
            "todo": self.todo,
            "service_defects_expected": self.service_defects_expected,
            # The date is the series'; a manager assigns whoever is free then.
            "person_id": False,
            "scheduled_date_start": start,
            "scheduled_duration": self.scheduled_duration,
            "scheduled_date_end": end if self.scheduled_duration else False,
            "service_line_ids": [
                Command.create(
                    {
                        "sequence": line.sequence,
                        "line_kind": line.line_kind,
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "planned_qty": line.planned_qty,
                        "price_unit": line.price_unit,
                    }
                )
                for line in self.service_line_ids.filtered("planned_qty")
            ],
        }

    def _service_plan_next_occurrence(self):
        """Create the next occurrence of each finished recurring activity of
        self that has none yet; return the occurrences created.

        Runs from the write that finishes an occurrence and from the daily job:
        each occurrence row is locked first and read again, so a second call or
        a concurrent transaction creates nothing more (the concurrent one fails
        to serialize and is retried, then finds the next occurrence); a unique
        key on the previous occurrence backs this up."""
        todo = self.filtered(
            lambda o: o.service_kind == "recurring" and o.service_state in FINISHED
        )
        if not todo:
            return self.browse()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM fsm_order WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                tuple(todo.ids),
            )
        )
        todo.invalidate_recordset(["service_next_id", "service_state"])
        created = self.browse()
        for order in todo.filtered(lambda o: not o.service_next_id).sudo():
            start = order._service_next_start()
            if not start:
                order.service_recurrence_ended = True
                continue
            following = order.create(order._service_next_occurrence_vals(start))
            order.write(
                {
                    "service_next_id": following.id,
                    "service_recurrence_anchor": order._service_series_anchor(),
                }
            )
            order.message_post(
                body=self.env._(
                    "Next occurrence planned: %(activity)s.",
                    activity=following._get_html_link(),
                )
            )
            created |= following
        return created.with_env(self.env)

    @api.model
    def _cron_service_plan_next_occurrences(self):
        """Safety net: finished recurring occurrences still without a next one
        (their series not over)."""
        domain = [
            ("service_kind", "=", "recurring"),
            ("service_state", "in", FINISHED),
            ("service_next_id", "=", False),
            ("service_recurrence_ended", "=", False),
        ]
        orders = self.search(domain, limit=CRON_BATCH, order="id")
        created = orders._service_plan_next_occurrence()
        self.env["ir.cron"]._notify_progress(
            done=len(orders), remaining=self.search_count(domain)
        )
        return created
