"""XML documents: built with the standard library, read back with defusedxml.

Reading refuses entity declarations (no expansion, no external entities) and anything
over MAX_REPLY bytes (the transport stops reading there); a DOCTYPE without entities is
tolerated and never fetched. The field tree handed to the models: an element with child
elements becomes a dict (attributes under "@name", each child name mapped to the list of
its occurrences); any other element becomes its stripped text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

# defusedxml ships no type hints (and types-defusedxml is not a dependency)
import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree as safe_xml  # type: ignore[import-untyped]

MAX_REPLY = 4 * 1024 * 1024
MAX_DEPTH = 16


class UnreadableReply(Exception):
    """The reply is not one safe XML document of the expected shape."""


def element(parent: ET.Element, tag: str, value: object = None) -> ET.Element:
    child = ET.SubElement(parent, tag)
    if value is not None:
        child.text = str(value)
    return child


def optional(parent: ET.Element, tag: str, value: object) -> None:
    if value is not None and value != "":
        element(parent, tag, value)


def serialized(root: ET.Element) -> bytes:
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document


def parse(data: bytes) -> ET.Element:
    try:
        root: ET.Element = safe_xml.fromstring(data)
    except defusedxml.DefusedXmlException:
        raise UnreadableReply("the reply declares XML entities") from None
    except ET.ParseError as exc:
        raise UnreadableReply(f"the reply is not well-formed XML ({exc})") from None
    return root


def fields(node: ET.Element, depth: int = 0) -> Any:
    if depth >= MAX_DEPTH:  # the root is at depth 0
        raise UnreadableReply(f"the reply nests deeper than {MAX_DEPTH} levels")
    children = list(node)
    if not children:
        return (node.text or "").strip()
    tree: dict[str, Any] = {f"@{name}": value.strip() for name, value in node.attrib.items()}
    for child in children:
        tree.setdefault(child.tag, []).append(fields(child, depth + 1))
    return tree


def error_detail(root: ET.Element) -> str | None:
    """The text of the first errorDetail element anywhere in the reply, if there is one."""
    found = root if root.tag == "errorDetail" else root.find(".//errorDetail")
    if found is None:
        return None
    return "".join(found.itertext()).strip() or "TD SYNNEX refused the request (no detail)"
