from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# A start this far ahead of the server clock is a mistake, not clock drift.
FUTURE_TOLERANCE = timedelta(minutes=1)

# Stored on a time entry from its sale line: written with the link, in the same
# statement, when a run links thousands of entries (Odoo writes 100 rows a
# statement, and each row again for each field).
LINK_COMPUTED = ("timesheet_invoice_type",)


def _sign(number):
    return (number > 0) - (number < 0)


def _invoice_type_inputs(sale_line_id, project_id, amount, hours):
    """What sale_timesheet computes a time entry's invoice type from: its sale
    line (product), its project, and whether its amount and hours are above,
    at or below zero. Entries that agree on these get one value."""
    return sale_line_id, project_id, _sign(amount), _sign(hours)


# What Odoo may still write on a billed time entry (invoicing links it).
FREE_FIELDS = {"timesheet_invoice_id"}


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    # helpdesk_mgmt_timesheet does not index it: every ticket's list of time
    # entries, and a billing run's, read the whole table without it
    ticket_id = fields.Many2one(index="btree_not_null")

    def _service_billed_ticket_lines(self):
        """These lines whose ticket is billed (claimed by the engine, or
        logged at zero on a billed ticket)."""
        ticket_lines = self.filtered("ticket_id")
        return ticket_lines.filtered(lambda line: line.ticket_id.sudo().service_billed)

    def _service_billing_bypass(self):
        """The engine's own hooks (in sudo, with a flag no client can send
        alone: a context key over RPC comes without superuser rights)."""
        return self.env.is_superuser() and self.env.context.get("service_billing")

    @api.model
    def _service_link_sale_lines(self, links):
        """Link timesheets {timesheet id: sale line id} to the lines that bill
        them, then let the ORM recompute what depends on it, as a write would.

        Each row is written once, by one statement for all of them (a billing
        run links thousands at once): the link and what Odoo stores from it
        (``timesheet_invoice_type``, computed by the ORM beforehand from the
        new link held in the cache, once per group of entries with the same
        inputs). With ``sale_timesheet`` the link is marked
        as set by hand, so Odoo's own computation of ``so_line`` (from the
        project) keeps it, and the stored ``order_id`` is written too.
        """
        if not links:
            return
        timesheets = self.browse(list(links))
        timed = "is_so_line_edited" in self._fields and "order_id" in self._fields
        names = ["so_line", "is_so_line_edited", "order_id"] if timed else ["so_line"]
        computed = [self._fields[n] for n in LINK_COMPUTED if n in self._fields]
        self.flush_model(names + [field.name for field in computed])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_analytic_line "
                "WHERE id = ANY(%s) AND so_line IS NOT NULL",
                list(links),
            )
        )
        # the lines they leave (read only for the entries that had one)
        self.browse([row[0] for row in self.env.cr.fetchall()]).modified(
            names, before=True
        )
        # what the computations read: one query, not a read per 1,000 rows
        read = self._service_cache_columns(
            timesheets, ["project_id", "amount", "unit_amount"]
        )
        inputs = {
            timesheet_id: _invoice_type_inputs(links[timesheet_id], *row)
            for timesheet_id, row in read.items()
        }
        sale_lines = self.env["sale.order.line"].sudo().browse(set(links.values()))
        orders = {line.id: line.order_id.id for line in sale_lines}
        new = {"so_line": [links[ts.id] for ts in timesheets]}
        if timed:
            new["is_so_line_edited"] = [True] * len(timesheets)
            new["order_id"] = [orders[links[ts.id]] for ts in timesheets]
        for name, values in new.items():
            self.env.cache.update(timesheets, self._fields[name], values)
        timesheets.modified(names)  # the lines they join
        if timed:  # set above, from the same sale line
            self.env.remove_to_compute(self._fields["order_id"], timesheets)
        values = dict(new)
        others = {}  # field -> {id: column value} of other entries computed
        for field in computed:
            values[field.name], others[field] = self._service_compute_shared(
                field, timesheets, inputs
            )
        # one typed array per column: one statement, whatever the number of rows
        self.env.cr.execute(
            SQL(
                "UPDATE account_analytic_line AS l SET %s, write_uid = %s, "
                "write_date = (now() at time zone 'UTC') "
                "FROM unnest(%s::int4[], %s) AS v(id, %s) WHERE l.id = v.id",
                SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name))
                    for name in values
                ),
                self.env.uid,
                timesheets.ids,
                SQL(", ").join(
                    SQL(
                        "%s::%s[]",
                        column,
                        SQL(self._fields[name].column_type[0]),
                    )
                    for name, column in values.items()
                ),
                SQL(", ").join(SQL.identifier(name) for name in values),
            )
        )
        for field, pending in others.items():  # entries Odoo computed on the way
            self._service_store_by_value(field, self.browse(pending), pending)

    def _service_compute_shared(self, field, timesheets, inputs):
        """Compute ``field`` of ``timesheets`` with Odoo's own method, once for
        each group of entries with the same ``inputs`` {id: key} (see
        ``_invoice_type_inputs``), and give the other entries of a group the
        same value (a run links thousands of entries of a few hundred order
        lines). Returns the column values of ``timesheets``, in order, and
        {id: column value} of other entries Odoo computed on the way; none is
        left for the ORM to write (the caller stores them)."""
        groups = defaultdict(list)
        for timesheet_id in timesheets.ids:
            groups[inputs[timesheet_id]].append(timesheet_id)
        firsts = self.browse([ids[0] for ids in groups.values()])
        self.env.remove_to_compute(field, timesheets - firsts)
        field.recompute(firsts)
        cache = self.env.cache
        dirty = self.browse(cache.clear_dirty_field(field))
        computed = {
            record.id: field.convert_to_column(cache.get(record, field), record)
            for record in dirty
        }
        column = {}
        for ids in groups.values():
            first = self.browse(ids[0])
            value = cache.get(first, field)
            cache.update(self.browse(ids[1:]), field, [value] * (len(ids) - 1))
            stored = computed.pop(first.id, None)
            if stored is None:
                stored = field.convert_to_column(value, first)
            column.update(dict.fromkeys(ids, stored))
        return [column[timesheet_id] for timesheet_id in timesheets.ids], computed

    def _service_cache_columns(self, records, names):
        """Load the stored columns ``names`` of ``records`` into the cache with
        one query (the ORM reads every column, 1,000 rows a query); returns
        {id: (column values in the order of ``names``)}."""
        fields_ = [self._fields[name] for name in names]
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM %s WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(field.name) for field in fields_),
                SQL.identifier(self._table),
                records.ids,
            )
        )
        rows = self.env.cr.fetchall()
        for position, field in enumerate(fields_, start=1):
            lines = self.browse([row[0] for row in rows])
            values = [
                field.convert_to_cache(row[position], line)
                for row, line in zip(rows, lines, strict=True)
            ]
            self.env.cache.update(lines, field, values)
        return {row[0]: row[1:] for row in rows}

    def _service_store_by_value(self, field, records, values):
        """Store ``values`` {id: column value} of ``field`` on ``records`` with
        one UPDATE per distinct value (few statements whatever the number of
        records)."""
        by_value = defaultdict(list)
        for record in records:
            by_value[values[record.id]].append(record.id)
        for value, ids in by_value.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s, write_uid = %s, "
                    "write_date = (now() at time zone 'UTC') WHERE id = ANY(%s)",
                    SQL.identifier(self._table),
                    SQL.identifier(field.name),
                    value,
                    self.env.uid,
                    ids,
                )
            )

    def _service_refuse_billed(self, lines):
        line = lines[:1]
        raise UserError(
            self.env._(
                "The time logged on %(ticket)s is billed (%(order)s): a service "
                "manager cancels that order before it can be changed.",
                ticket=line.ticket_id.display_name,
                order=line.ticket_id.sudo().service_sale_order_id.name or "",
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        ticket_ids = {vals.get("ticket_id") for vals in vals_list} - {False, None}
        if ticket_ids and not self._service_billing_bypass():
            billed = self.env["helpdesk.ticket"].sudo().browse(ticket_ids)
            billed = billed.filtered("service_billed")
            if billed:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is billed (%(order)s): log new time on a "
                        "new ticket, or have its order cancelled first.",
                        ticket=billed[:1].display_name,
                        order=billed[:1].service_sale_order_id.name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self._service_billing_bypass() and set(vals) - FREE_FIELDS:
            billed = self._service_billed_ticket_lines()
            if billed:
                self._service_refuse_billed(billed)
        if "ticket_id" in vals and vals["ticket_id"]:
            ticket = self.env["helpdesk.ticket"].sudo().browse(vals["ticket_id"])
            if ticket.service_billed and not self._service_billing_bypass():
                self._service_refuse_billed(self)
        return super().write(vals)

    def unlink(self):
        billed = self._service_billed_ticket_lines()
        if billed:
            self._service_refuse_billed(billed)
        return super().unlink()


class AccountAnalyticLineStopwatch(models.Model):
    """The stopwatch of OCA ``project_timesheet_time_control`` (start/stop on
    tickets) stores what it measured, or refuses with a clear message: its
    stock code stores a stop before the start as 23 h, 26 h as 2 h (it reads
    ``timedelta.seconds``), and a start in the future as a negative duration.
    """

    _inherit = "account.analytic.line"

    def _service_check_span(self, start, end, stopping=False):
        if stopping and start and start > fields.Datetime.now() + FUTURE_TOLERANCE:
            raise ValidationError(
                self.env._(
                    "%(line)s starts in the future (%(start)s UTC): correct its "
                    "start time before stopping it.",
                    line=self.name or self.env._("This time entry"),
                    start=fields.Datetime.to_string(start),
                )
            )
        if start and end and end < start:
            raise ValidationError(
                self.env._(
                    "%(line)s stops (%(end)s UTC) before it starts (%(start)s UTC).",
                    line=self.name or self.env._("This time entry"),
                    start=fields.Datetime.to_string(start),
                    end=fields.Datetime.to_string(end),
                )
            )

    def _inverse_date_time_end(self):
        hour = self.env.ref("uom.product_uom_hour")
        for line in self.filtered(lambda x: x.date_time and x.date_time_end):
            line._service_check_span(line.date_time, line.date_time_end)
            if line.product_uom_id == hour:
                span = line.date_time_end - line.date_time
                line.unit_amount = span.total_seconds() / 3600

    def button_end_work(self):
        end = fields.Datetime.to_datetime(
            self.env.context.get("stop_dt") or fields.Datetime.now()
        )
        for line in self:
            line._service_check_span(line.date_time, end, stopping=True)
        return super().button_end_work()

    @api.constrains("unit_amount", "date_time")
    def _check_service_stopwatch(self):
        for line in self.filtered(lambda x: x.date_time and x.project_id):
            if line.unit_amount < 0:
                raise ValidationError(
                    self.env._(
                        "%(line)s has a negative duration: a time entry lasts "
                        "zero hours or more.",
                        line=line.name or self.env._("This time entry"),
                    )
                )
