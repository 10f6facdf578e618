from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from .equipment_common import EquipmentCase


class TestEquipment(EquipmentCase):
    def test_the_customer_comes_from_the_site(self):
        self.assertEqual(self.equipment.service_partner_id, self.partner)

    def test_warranty_covers_its_last_day_and_not_the_next(self):
        equipment = self.equipment
        self.assertTrue(equipment._under_warranty_on(date(2026, 3, 31)))
        self.assertFalse(equipment._under_warranty_on(date(2026, 4, 1)))
        with freeze_time("2026-03-31 12:00:00"):
            equipment.invalidate_recordset(["under_warranty"])
            self.assertTrue(equipment.under_warranty)
            self.assertEqual(equipment.warranty_days_left, 1)
            self.assertIn(equipment, equipment.search([("under_warranty", "=", True)]))
        with freeze_time("2026-04-01 12:00:00"):
            equipment.invalidate_recordset(["under_warranty"])
            self.assertFalse(equipment.under_warranty)
            self.assertEqual(equipment.warranty_days_left, 0)
            self.assertIn(equipment, equipment.search([("under_warranty", "=", False)]))
            self.assertNotIn(
                equipment, equipment.search([("under_warranty", "=", True)])
            )

    def test_no_warranty_end_means_no_warranty(self):
        self.equipment.warranty_end = False
        self.assertFalse(self.equipment.under_warranty)
        self.assertFalse(self.equipment._under_warranty_on(date(2000, 1, 1)))
        self.assertIn(
            self.equipment, self.equipment.search([("under_warranty", "=", False)])
        )

    @staticmethod
    def card(equipment):
        """{field name: property} of the equipment's technical card, as the
        web client reads it."""
        (values,) = equipment.read(["service_properties"])
        return {prop["name"]: prop for prop in values["service_properties"]}

    def test_each_category_gives_its_own_card_and_keeps_values(self):
        printer = self.env["fsm.equipment"].create(
            {
                "name": "Test printer",
                "location_id": self.location.id,
                "service_category_id": self.printers.id,
            }
        )
        self.equipment.service_properties = {"fuel": "oil", "power_kw": 24.5}
        printer.service_properties = {"colour": True, "network_name": "PRN-7"}
        self.env.flush_all()
        self.env.invalidate_all()
        boiler_card = {
            p["name"]: p
            for p in self.equipment.read(["service_properties"])[0][
                "service_properties"
            ]
        }
        printer_card = {
            p["name"]: p
            for p in printer.read(["service_properties"])[0]["service_properties"]
        }
        self.assertEqual(set(boiler_card), {"fuel", "power_kw"})
        self.assertEqual(set(printer_card), {"colour", "network_name"})
        self.assertEqual(boiler_card["fuel"]["value"], "oil")
        self.assertEqual(boiler_card["power_kw"]["value"], 24.5)
        self.assertEqual(printer_card["network_name"]["value"], "PRN-7")
        self.assertIs(printer_card["colour"]["value"], True)

    def test_the_category_edits_its_card(self):
        """The category form's card writes the category's definition, as the
        web client's properties widget does."""
        definition = self.printers.equipment_properties_definition
        self.printers.with_user(self.manager).card_preview = [
            *[dict(prop, value=False) for prop in definition],
            {
                "name": "tray_count",
                "string": "Trays",
                "type": "integer",
                "value": 2,
                "definition_changed": True,
            },
        ]
        names = [p["name"] for p in self.printers.equipment_properties_definition]
        self.assertEqual(names, ["colour", "network_name", "tray_count"])
        printer = self.env["fsm.equipment"].create(
            {"name": "Printer with trays", "service_category_id": self.printers.id}
        )
        printer.service_properties = {"tray_count": 3}
        card = printer.read(["service_properties"])[0]["service_properties"]
        self.assertIn(("tray_count", 3), [(p["name"], p["value"]) for p in card])

    def test_another_company_customer_site_or_category_is_refused(self):
        other = self.env["res.company"].create({"name": "Other Co (equipment)"})
        foreign_partner = self.env["res.partner"].create(
            {"name": "Other's customer", "is_company": True, "company_id": other.id}
        )
        foreign_category = self.env["fsm.equipment.category"].create(
            {"name": "Other's lifts", "company_id": other.id}
        )
        foreign_site = self.env["fsm.location"].create(
            {
                "name": "Other's site",
                "owner_id": foreign_partner.id,
                "company_id": other.id,
            }
        )
        for values in (
            {"service_partner_id": foreign_partner.id},
            {"service_category_id": foreign_category.id},
            {"location_id": foreign_site.id},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                self.equipment.write(values)
        self.assertEqual(self.equipment.service_partner_id, self.partner)
        self.assertEqual(self.equipment.service_category_id, self.boilers)
        with self.assertRaises(UserError):
            self.env["fsm.equipment"].create(
                {"name": "Mixed", "service_partner_id": foreign_partner.id}
            )

    def test_the_customer_form_shows_its_installed_base(self):
        contact = self.env["res.partner"].create(
            {"name": "Plant manager", "parent_id": self.partner.id}
        )
        at_contact = self.env["fsm.equipment"].create(
            {"name": "Contact's compressor", "service_partner_id": contact.id}
        )
        elsewhere = self.env["res.partner"].create(
            {"name": "Unrelated customer", "is_company": True}
        )
        self.env["fsm.equipment"].create(
            {"name": "Unrelated boiler", "service_partner_id": elsewhere.id}
        )
        self.env.invalidate_all()  # as a new request: the list is not stored
        for partner in (self.partner, contact):
            partner = partner.with_user(self.technician)
            self.assertEqual(partner.service_equipment_ids, self.equipment | at_contact)
            self.assertEqual(partner.service_equipment_count, 2)
        action = self.partner.with_user(self.manager).action_service_equipment()
        found = self.env["fsm.equipment"].search(action["domain"])
        self.assertEqual(found, self.equipment | at_contact)
        # a plain employee has no equipment access: the fields are not his
        with self.assertRaises(AccessError):
            self.partner.with_user(self.employee).read(["service_equipment_count"])

    def test_service_history_lists_its_activities(self):
        Order = self.env["fsm.order"]
        main = Order.create(
            {
                "location_id": self.location.id,
                "service_equipment_id": self.equipment.id,
                "scheduled_date_start": datetime(2026, 3, 1, 8),
            }
        )
        listed = Order.create(
            {
                "location_id": self.location.id,
                "equipment_ids": [Command.link(self.equipment.id)],
                "scheduled_date_start": datetime(2026, 3, 10, 8),
            }
        )
        Order.create({"location_id": self.location.id})
        equipment = self.equipment.with_user(self.manager)
        self.assertEqual(equipment.service_order_ids, listed | main)
        self.assertEqual(equipment.service_order_ids[0], listed)  # newest first
        self.assertEqual(equipment.service_order_count, 2)
        action = equipment.action_service_orders()
        self.assertEqual(Order.search(action["domain"]), main | listed)


class TestMeterReadings(EquipmentCase):
    def reading(self, when, value, meter="Operating hours", user=None):
        Reading = self.env["fsm.equipment.reading"].with_user(user or self.technician)
        return Reading.create(
            {
                "equipment_id": self.equipment.id,
                "meter": meter,
                "unit": "h",
                "date": when,
                "value": value,
            }
        )

    def test_a_lower_reading_than_the_previous_is_refused(self):
        self.reading(datetime(2026, 1, 10, 9), 100)
        self.reading(datetime(2026, 2, 10, 9), 150)
        with self.assertRaisesText(ValidationError, "already read 150"):
            self.reading(datetime(2026, 3, 10, 9), 149)
        # another meter of the same equipment counts on its own
        self.reading(datetime(2026, 3, 10, 9), 5, meter="Starts")
        # the same meter, written otherwise, is the same meter
        with self.assertRaises(ValidationError):
            self.reading(datetime(2026, 3, 10, 9), 120, meter="  operating HOURS")
        self.assertEqual(
            sorted(self.equipment.service_reading_ids.mapped("value")), [5, 100, 150]
        )

    def test_a_back_dated_reading_must_fit_between_its_neighbours(self):
        self.reading(datetime(2026, 1, 10, 9), 100)
        self.reading(datetime(2026, 3, 10, 9), 200)
        self.reading(datetime(2026, 2, 10, 9), 150)
        with self.assertRaisesText(ValidationError, "read only 150 later"):
            self.reading(datetime(2026, 2, 1, 9), 170)
        with self.assertRaisesText(ValidationError, "already read 100"):
            self.reading(datetime(2026, 2, 1, 9), 90)
        self.assertEqual(len(self.equipment.service_reading_ids), 3)

    def test_a_future_reading_is_refused(self):
        with self.assertRaisesText(ValidationError, "in the future"):
            self.reading(datetime(2026, 3, 16, 9), 10)
        self.assertFalse(self.equipment.service_reading_ids)

    def test_technicians_record_readings_only_managers_change_them(self):
        reading = self.reading(datetime(2026, 3, 1, 9), 100)
        with self.assertRaises(AccessError):
            reading.with_user(self.technician).write({"value": 90})
        with self.assertRaises(AccessError):
            reading.with_user(self.technician).unlink()
        reading.with_user(self.manager).write({"value": 110})
        self.assertEqual(reading.value, 110)
        # a manager's correction is checked as well
        later = self.reading(datetime(2026, 3, 10, 9), 120)
        with self.assertRaises(ValidationError):
            reading.with_user(self.manager).write({"value": 130})
        later.with_user(self.manager).unlink()
        self.assertEqual(self.equipment.service_reading_ids, reading)
