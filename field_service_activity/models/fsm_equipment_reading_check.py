from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime

from ..lib.readings import Reading, find_conflict, is_future, meter_key


def _number(value):
    """A meter value without trailing zeros: 1250.5, not 1250.500."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


class FsmEquipmentReading(models.Model):
    """A meter only counts up: a reading fits between the readings of the same
    meter taken before and after it, and none is taken in the future."""

    _inherit = "fsm.equipment.reading"

    @api.constrains("equipment_id", "meter", "date", "value")
    def _check_meter_counts_up(self):
        now = fields.Datetime.now()
        for reading in self:
            if is_future(reading.date, now):
                raise ValidationError(
                    self.env._(
                        "The reading of %(meter)s is dated %(date)s, in the future.",
                        meter=reading.meter,
                        date=format_datetime(self.env, reading.date),
                    )
                )
        others = self.search(
            [
                ("equipment_id", "in", self.equipment_id.ids),
                ("id", "not in", self.ids),
            ]
        )
        for reading in self:
            key = meter_key(reading.meter)
            same_meter = (others | (self - reading)).filtered(
                lambda r, r0=reading, k=key: r.equipment_id == r0.equipment_id
                and meter_key(r.meter) == k
            )
            conflict = find_conflict(
                Reading(reading.id, reading.date, reading.value),
                [Reading(r.id, r.date, r.value) for r in same_meter],
            )
            if conflict:
                reading._service_raise_conflict(*conflict)

    def _service_raise_conflict(self, where, other):
        other = self.browse(other.key)
        values = {
            "meter": self.meter,
            "value": _number(self.value),
            "other": _number(other.value),
            "date": format_datetime(self.env, other.date),
            "equipment": self.equipment_id.display_name,
        }
        if where == "previous":
            message = self.env._(
                "%(meter)s of %(equipment)s cannot read %(value)s: it already read "
                "%(other)s on %(date)s, and a meter does not count backwards.",
                **values,
            )
        else:
            message = self.env._(
                "%(meter)s of %(equipment)s cannot read %(value)s at that date: it "
                "read only %(other)s later, on %(date)s.",
                **values,
            )
        raise ValidationError(message)
