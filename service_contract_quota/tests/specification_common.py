"""Reading the rendered specification report in tests (this addon's and the
addons whose work it lists)."""

from lxml import etree

from ..models.account_move_specification import SPECIFICATION_REPORT


def cell_text(node):
    """The text of a table cell, its white space collapsed."""
    return " ".join("".join(node.itertext()).split())


def specification_page(env, invoice):
    """The specification of ``invoice`` rendered to HTML, parsed."""
    html, _kind = env["ir.actions.report"]._render_qweb_html(
        SPECIFICATION_REPORT, invoice.ids
    )
    return etree.fromstring(html, etree.HTMLParser())


def table_rows(page, name):
    """The cells' texts of each body row of the table of class ``name``."""
    rows = page.xpath(f"//table[hasclass('{name}')]/tbody/tr")
    return [[cell_text(cell) for cell in row.xpath("./td")] for row in rows]


def specification_work_rows(env, invoice):
    """The rows of the specification's work table."""
    return table_rows(specification_page(env, invoice), "o_service_specification_work")
