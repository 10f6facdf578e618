"""Remote tool URL templates: validation and rendering. Pure Python.

A template such as ``anydesk:{remote_id}`` or ``rdp://full%20address=s:{remote_id}``
names the tool's URL scheme literally and fills placeholders from the customer's
remote access IDs. Only known placeholders and allowed schemes are accepted, and
values are percent-encoded, so a value can never change the scheme or inject
``javascript:``.
"""

import re
import string
from urllib.parse import quote

PLACEHOLDERS = ("remote_id", "partner", "session")
ALLOWED_SCHEMES = (
    "anydesk",
    "rustdesk",
    "teamviewer8",
    "teamviewer10",
    "tvcontrol1",
    "rdp",
    "vnc",
    "ssh",
    "telnet",
    "http",
    "https",
)
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# Characters a value keeps as they are: what remote IDs and host:port use.
SAFE_IN_VALUES = "@:._-"


class TemplateError(ValueError):
    """A template problem; ``kind`` and ``params`` let callers translate it.

    Kinds: empty, no_scheme, scheme, braces, placeholder, format, missing.
    """

    def __init__(self, kind: str, message: str, **params: str):
        super().__init__(message)
        self.kind = kind
        self.params = params


def scheme_of(template: str) -> str:
    """The literal scheme a template starts with (lower case)."""
    match = SCHEME.match(template.strip())
    if not match:
        raise TemplateError(
            "no_scheme",
            f"The template must start with a scheme such as anydesk: ({template!r})",
            template=template,
        )
    return match.group(1).lower()


def validate(template: str) -> tuple[str, ...]:
    """Check ``template``; return the placeholders it uses, in order.

    Raises ValueError for an unknown placeholder, a format spec or conversion,
    a placeholder inside the scheme, or a scheme that is not allowed.
    """
    if not isinstance(template, str) or not template.strip():
        raise TemplateError("empty", "The URL template is empty")
    scheme = scheme_of(template)
    if scheme not in ALLOWED_SCHEMES:
        allowed = ", ".join(ALLOWED_SCHEMES)
        raise TemplateError(
            "scheme",
            f"The scheme {scheme!r} is not allowed (allowed: {allowed})",
            scheme=scheme,
            allowed=allowed,
        )
    used = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise TemplateError(
            "braces",
            f"The template has unbalanced braces: {template!r}",
            template=template,
        ) from error
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            raise TemplateError(
                "placeholder",
                f"Unknown placeholder {{{field}}} (known: {known})",
                placeholder="{" + field + "}",
                known=known,
            )
        if spec or conversion:
            raise TemplateError(
                "format",
                f"Placeholder {{{field}}} takes no format or conversion",
                placeholder="{" + field + "}",
            )
        used.append(field)
    return tuple(used)


def compact_id(remote_id: str) -> str:
    """``remote_id`` without the spaces people type to read it (AnyDesk
    ``123 456 789``, TeamViewer ``1 234 567 890``): links take the bare ID, and
    no tool's ID (host:port, user@host) holds a meaningful space."""
    return "".join(str(remote_id or "").split())


def render(template: str, **values: str) -> str:
    """Fill ``template`` with percent-encoded ``values``.

    Every placeholder the template uses needs a non-empty value.
    """
    used = validate(template)
    missing = [name for name in used if not str(values.get(name) or "").strip()]
    if missing:
        names = ", ".join("{" + name + "}" for name in missing)
        raise TemplateError("missing", f"No value for {names}", placeholders=names)
    encoded = {
        name: quote(str(values[name]).strip(), safe=SAFE_IN_VALUES) for name in used
    }
    url = template.strip().format(**encoded)
    if scheme_of(url) != scheme_of(template):  # cannot happen: the scheme is literal
        raise ValueError("Rendering changed the URL scheme")
    return url
