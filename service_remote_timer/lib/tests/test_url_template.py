import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service_remote_timer.lib.url_template import (
    ALLOWED_SCHEMES,
    compact_id,
    render,
    scheme_of,
    validate,
)

COMMON = [
    ("anydesk:{remote_id}", "123 456 789", "anydesk:123%20456%20789"),
    ("rustdesk://{remote_id}", "1234567", "rustdesk://1234567"),
    (
        "teamviewer10://control?device={remote_id}",
        "987654321",
        "teamviewer10://control?device=987654321",
    ),
    (
        "rdp://full%20address=s:{remote_id}",
        "srv.acme.example:3389",
        "rdp://full%20address=s:srv.acme.example:3389",
    ),
    ("ssh://{remote_id}", "admin@10.0.0.5", "ssh://admin@10.0.0.5"),
]


@pytest.mark.parametrize(("template", "remote_id", "url"), COMMON)
def test_common_tools_render(template, remote_id, url):
    assert validate(template) == ("remote_id",)
    assert render(template, remote_id=remote_id) == url


@pytest.mark.parametrize(
    ("typed", "bare"),
    [
        ("123 456 789", "123456789"),
        (" 1 234\t567 890 ", "1234567890"),
        ("srv.acme.example:3389", "srv.acme.example:3389"),
        ("admin@gw.example", "admin@gw.example"),
        ("   ", ""),
        (None, ""),
    ],
)
def test_ids_lose_the_spaces_typed_to_read_them(typed, bare):
    assert compact_id(typed) == bare


def test_a_compact_anydesk_id_makes_a_link_anydesk_opens():
    url = render("anydesk:{remote_id}", remote_id=compact_id("123 456 789"))
    assert url == "anydesk:123456789"


def test_all_placeholders():
    url = render(
        "https://portal.example/{partner}/{session}?id={remote_id}",
        remote_id="42",
        partner="ACME Ltd",
        session="RS/0007",
    )
    assert url == "https://portal.example/ACME%20Ltd/RS%2F0007?id=42"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("javascript:alert({remote_id})", "not allowed"),
        ("JavaScript:alert(1)", "not allowed"),
        ("data:text/html,{remote_id}", "not allowed"),
        ("file:///etc/passwd", "not allowed"),
        ("{remote_id}", "start with a scheme"),
        ("anydesk:{host}", "Unknown placeholder"),
        ("anydesk:{remote_id!r}", "no format"),
        ("anydesk:{remote_id:>10}", "no format"),
        ("anydesk:{remote_id", "unbalanced"),
        ("", "empty"),
    ],
)
def test_bad_templates_are_refused(template, problem):
    with pytest.raises(ValueError, match=problem):
        validate(template)


def test_a_missing_value_is_refused():
    with pytest.raises(ValueError, match="No value"):
        render("anydesk:{remote_id}", remote_id="  ")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALLOWED_SCHEMES), st.text(min_size=1).filter(str.strip))
def test_values_never_change_the_scheme_or_break_out(scheme, value):
    template = scheme + "://{remote_id}/x"
    url = render(template, remote_id=value)
    assert scheme_of(url) == scheme
    assert url.endswith("/x")
    assert not set(url[len(scheme) + 3 : -2]) & set(" \"'<>{}\\\n\t/?#")
