"""Reading a request document: defused parsing, then a plain tree of fields for the models.

Parsing uses defusedxml with its defaults: any entity declaration (the "billion laughs" bomb,
external entities, parameter entities) is refused; a bare DOCTYPE without entities is let
through and never fetched. Everything refused raises `Refused` with a sentence for the
caller, never a parser traceback.

The field tree: an element with children or attributes becomes a dict (attributes under
"@name", each child name mapped to the list of its occurrences, in order); an element with
neither becomes its stripped text. Text beside child elements (mixed content) is refused:
no request of this interface carries it, and a client that sends it is building XML wrongly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

# defusedxml ships no type hints (and types-defusedxml is not a dependency)
import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree as safe_xml  # type: ignore[import-untyped]

MAX_DEPTH = 12  # the deepest request (SoftWareLicense/Licensee/LicenseeContact/...) needs 6


class Refused(Exception):
    """The request cannot be served; `str()` is the text for the errorDetail element."""


def parse(data: bytes) -> ET.Element:
    """The root element of `data`, or `Refused` for anything that is not one safe XML tree."""
    if not data.strip():
        raise Refused("The request body is empty; an XML document was expected.")
    try:
        root: ET.Element = safe_xml.fromstring(data)
    except defusedxml.EntitiesForbidden:
        raise Refused(
            "The XML document declares entities; entity declarations are not accepted."
        ) from None
    except defusedxml.DefusedXmlException:
        raise Refused("The XML document uses a construct that is not accepted.") from None
    except ET.ParseError as exc:
        raise Refused(f"The request is not well-formed XML ({exc}).") from None
    return root


def _has_text(value: str | None) -> bool:
    return bool(value and value.strip())


def fields(element: ET.Element, depth: int = 0) -> Any:
    """`element` as a tree of dicts, lists and strings (see the module docstring)."""
    if depth >= MAX_DEPTH:  # the root is at depth 0
        raise Refused(f"The XML document nests deeper than {MAX_DEPTH} levels.")
    children = list(element)
    if not children and not element.attrib:
        return (element.text or "").strip()
    if children and _has_text(element.text):
        raise Refused(f"<{element.tag}> holds text beside its child elements.")
    tree: dict[str, Any] = {f"@{name}": value.strip() for name, value in element.attrib.items()}
    if not children:
        if _has_text(element.text):
            raise Refused(f"<{element.tag}> holds text beside its attributes.")
        return tree
    for child in children:
        if _has_text(child.tail):
            raise Refused(f"<{element.tag}> holds text beside its child elements.")
        tree.setdefault(child.tag, []).append(fields(child, depth + 1))
    return tree
