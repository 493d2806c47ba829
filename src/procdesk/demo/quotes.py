"""The demo's own quotes: the same five as examples/quotes.json (a test keeps them equal).

They name the sandbox's demo tickets, products and distributor parts, so importing them
through the real importer gives charges that really sync (one with a Work Type billing code
that Autotask refuses), orders at Ingram Micro and at both TD SYNNEX doors (a Microsoft 365
subscription through StreamOne ION, an access point through the XML interface), a switch
out of stock at Ingram but in stock at TD SYNNEX, a discontinued part, a retracted quote,
a NAS that ships in two parts with serial numbers and ends fully received on its
Autotask purchase order, and the subscription's PO, received in full once ION provisions
it. Kept in the package because `procdesk demo` must work from an installed wheel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from procdesk.demo.procurement_stories import STORY_QUOTES as PROCUREMENT_STORY_QUOTES

DEMO_QUOTES: dict[str, Any] = {
    "quotes": [
        {
            "id": "Q-1001",
            "title": "New starter laptops for front desk",
            "company_name": "Northwind Dental Group",
            "ticket_id": 7001,
            "ticket_number": "T20261120.0001",
            "status": "accepted",
            "currency": "USD",
            "ship_to": {
                "company": "Northwind Dental Group",
                "contact": "Dana Whitfield",
                "address_lines": ["1200 Harbor Avenue", "Suite 300"],
                "city": "Seattle",
                "state": "WA",
                "postal_code": "98101",
                "country_code": "US",
                "phone": "+1 206 555 0143",
                "email": "it@northwind-dental.example",
            },
            "lines": [
                {
                    "line_number": 1,
                    "sku": "86Q47UT#ABA",
                    "description": "HP ProBook 450 G10 15.6in i5 16GB 512GB",
                    "category": "Hardware",
                    "distributor": "ingram",
                    "distributor_part_number": "8YR471",
                    "quantity": 3,
                    "unit_cost": "899.00",
                    "unit_price": "1049.00",
                    "product_id": 1001,
                },
                {
                    "line_number": 2,
                    "sku": "DELL-P2423D",
                    "description": "Dell 24 Monitor P2423D QHD IPS",
                    "category": "Peripherals",
                    "distributor": "ingram",
                    "distributor_part_number": "5QW330",
                    "quantity": 3,
                    "unit_cost": "219.00",
                    "unit_price": "289.00",
                    "product_id": 1018,
                },
                {
                    "line_number": 3,
                    "sku": "LS32B800PXNXGO",
                    "description": "Samsung 32in ViewFinity S8 4K Monitor "
                    "(discontinued at Ingram Micro)",
                    "category": "Peripherals",
                    "distributor": "ingram",
                    "distributor_part_number": "3PL904",
                    "quantity": 1,
                    "unit_cost": "399.00",
                    "unit_price": "479.00",
                },
                {
                    "line_number": 4,
                    "sku": "MP-13533",
                    "description": "Cat6 Patch Cable 3ft (from a local supplier: not "
                    "orderable here)",
                    "category": "Cabling",
                    "distributor": "Harbor Cable Supply",
                    "quantity": 10,
                    "unit_cost": "2.10",
                    "unit_price": "4.50",
                    "product_id": 1030,
                },
            ],
        },
        {
            "id": "Q-1002",
            "title": "Replace failed core switch",
            "company_name": "Contoso Legal LLP",
            "ticket_id": 7002,
            "status": "accepted",
            "currency": "USD",
            "ship_to": {
                "company": "Contoso Legal LLP",
                "contact": "Priya Raman",
                "address_lines": ["88 Liberty Street", "Floor 12"],
                "city": "New York",
                "state": "NY",
                "postal_code": "10006",
                "country_code": "US",
                "phone": "+1 212 555 0178",
            },
            "lines": [
                {
                    "line_number": 1,
                    "sku": "USW-PRO-24-POE",
                    "description": "Ubiquiti UniFi Switch Pro 24 PoE (out of stock, "
                    "not backorderable)",
                    "category": "Networking",
                    "distributor": "ingram",
                    "distributor_part_number": "2HB765",
                    "quantity": 1,
                    "unit_cost": "629.00",
                    "unit_price": "699.00",
                },
                {
                    "line_number": 2,
                    "sku": "ms365-bp-p1m",
                    "description": "Microsoft 365 Business Premium (monthly)",
                    "category": "Licensing",
                    "distributor": "tdsynnex",
                    "distributor_part_number": "ms365-bp-p1m",
                    "quantity": 25,
                    "unit_cost": "22.00",
                    "unit_price": "26.40",
                    "product_id": 1037,  # on its Autotask PO: provisioned, then received
                },
                {
                    "line_number": 3,
                    "sku": "INSTALL-SWITCH",
                    "description": "Switch installation (billed with a Work Type code: "
                    "Autotask refuses it)",
                    "category": "Networking",
                    "distributor": "Demo MSP",
                    "quantity": 2,
                    "unit_cost": "0.00",
                    "unit_price": "150.00",
                    "billing_code_override": 29682809,
                },
                {
                    "line_number": 4,
                    "sku": "MR36-HW",
                    "description": "Cisco Meraki MR36 Wi-Fi 6 Access Point (TD SYNNEX hardware, "
                    "XML interface)",
                    "category": "Networking",
                    "distributor": "tdsynnex",
                    "channel": "xml",
                    "quantity": 2,
                    "unit_cost": "489.00",
                    "unit_price": "569.00",
                },
            ],
        },
        {
            "id": "Q-1003",
            "title": "Backup server replacement",
            "company_name": "Contoso Legal LLP",
            "ticket_number": "T20261120.0007",
            "status": "accepted",
            "currency": "USD",
            "ship_to": {
                "company": "Contoso Legal LLP",
                "contact": "Server room, attn. Priya Raman",
                "address_lines": ["500 Colo Way", "Cage 14"],
                "city": "Secaucus",
                "state": "NJ",
                "postal_code": "07094",
                "country_code": "US",
            },
            "lines": [
                {
                    "line_number": 1,
                    "sku": "PER760-4410Y",
                    "description": "Dell PowerEdge R760 Rack Server 2x Xeon 4410Y "
                    "(above the approval threshold)",
                    "category": "Hardware",
                    "distributor": "ingram",
                    "distributor_part_number": "7DL960",
                    "quantity": 2,
                    "unit_cost": "8950.00",
                    "unit_price": "10499.00",
                },
                {
                    "line_number": 2,
                    "sku": "KVR48S40BD8-32",
                    "description": "Kingston 32GB DDR5-4800 SODIMM",
                    "category": "Hardware",
                    "distributor": "ingram",
                    "distributor_part_number": "8KN115",
                    "quantity": 8,
                    "unit_cost": "79.00",
                    "unit_price": "99.99",
                },
            ],
        },
        {
            "id": "Q-1004",
            "title": "Conference room display and webcam",
            "company_name": "Tailspin Architects",
            "ticket_id": 7004,
            "status": "retracted",
            "currency": "USD",
            "ship_to": {
                "company": "Tailspin Architects",
                "address_lines": ["19 Quayside"],
                "city": "Portland",
                "state": "OR",
                "postal_code": "97209",
                "country_code": "US",
            },
            "lines": [
                {
                    "line_number": 1,
                    "sku": "27UP850N-W",
                    "description": "LG 27in UltraFine 4K USB-C Monitor",
                    "category": "Peripherals",
                    "distributor": "ingram",
                    "distributor_part_number": "4MN118",
                    "quantity": 4,
                    "unit_cost": "379.00",
                    "unit_price": "449.00",
                }
            ],
        },
        {
            "id": "Q-1006",
            "title": "File server NAS for the new wing",
            "company_name": "Northwind Dental Group",
            "ticket_id": 7006,
            "ticket_number": "T20261120.0006",
            "status": "accepted",
            "currency": "USD",
            "ship_to": {
                "company": "Northwind Dental Group",
                "contact": "Dana Whitfield",
                "address_lines": [
                    "1210 Harbor Avenue",
                    "New wing, ground floor",
                ],
                "city": "Seattle",
                "state": "WA",
                "postal_code": "98101",
                "country_code": "US",
                "phone": "+1 206 555 0143",
                "email": "it@northwind-dental.example",
            },
            "lines": [
                {
                    "line_number": 1,
                    "sku": "DS923+",
                    "description": "Synology DiskStation DS923+ 4-Bay NAS "
                    "(two in stock, one backordered)",
                    "category": "Hardware",
                    "distributor": "ingram",
                    "distributor_part_number": "7SY553",
                    "quantity": 3,
                    "unit_cost": "599.00",
                    "unit_price": "699.00",
                    "product_id": 1008,
                }
            ],
        },
    ]
}


# The charge stories of the help article, on quotes of their own (kept apart from the
# example file). Their lines come from the MSP's own stock, so they are billed, never
# ordered. Q-2001's category (Software) is mapped to a Work Type code that Autotask refuses
# for a charge ("BillingCode does not exist or is invalid"); Q-2002 is accepted, its charge
# made, then the quote is retracted, which cancels the charge.
INVALID_CODE_QUOTE = "Q-2001"
RETRACTED_QUOTE = "Q-2002"
_MSP_STOCK = "Demo MSP"


def _story_quote(
    quote_id: str, title: str, company: str, ticket: int, line: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": quote_id,
        "title": title,
        "company_name": company,
        "ticket_id": ticket,
        "status": "accepted",
        "currency": "USD",
        "ship_to": {
            "company": company,
            "address_lines": ["1 Demo Street"],
            "city": "Seattle",
            "state": "WA",
            "postal_code": "98101",
            "country_code": "US",
        },
        "lines": [{"line_number": 1, "distributor": _MSP_STOCK, **line}],
    }


CHARGE_STORY_QUOTES: list[dict[str, Any]] = [
    _story_quote(
        INVALID_CODE_QUOTE,
        "Endpoint protection renewal",
        "Adatum Veterinary Clinics",
        7010,
        {
            "sku": "acp-workstation",
            "description": "Acronis Cyber Protect Cloud, workstation (Software: its "
            "category maps to a Work Type code)",
            "category": "Software",
            "quantity": 20,
            "unit_cost": "4.25",
            "unit_price": "6.00",
        },
    ),
    _story_quote(
        RETRACTED_QUOTE,
        "UPS replacement in server closet",
        "Contoso Legal LLP",
        7012,
        {
            "sku": "BR1500MS2",
            "description": "APC Back-UPS Pro 1500VA (quote retracted after the charge was made)",
            "category": "Hardware",
            "quantity": 2,
            "unit_cost": "229.00",
            "unit_price": "279.99",
            "product_id": 1009,
        },
    ),
]


def write_story_quotes(directory: Path, *, retracted: bool) -> Path:
    """The charge stories' quotes as a JSON quote file; `retracted`: Q-2002 as retracted."""
    quotes = [
        {**quote, "status": "retracted"} if retracted and quote["id"] == RETRACTED_QUOTE else quote
        for quote in CHARGE_STORY_QUOTES
    ]
    path = directory / ("story-quotes-retracted.json" if retracted else "story-quotes.json")
    path.write_text(json.dumps({"quotes": quotes}, indent=2), encoding="utf-8")
    return path


def write_demo_quotes(directory: Path) -> Path:
    """The demo quotes, and the quotes of the demo's own stories, as a JSON quote file."""
    document = {"quotes": [*DEMO_QUOTES["quotes"], *PROCUREMENT_STORY_QUOTES]}
    path = directory / "demo-quotes.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path
