"""The sandbox's StreamOne ION customers: one per demo company of the Autotask emulator."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IonCustomer(BaseModel):
    model_config = ConfigDict(frozen=True)

    customer_id: str
    name: str
    email: str
    street: str
    city: str
    state: str
    zip: str
    country: str = "US"
    status: str = "ACTIVE"
    created: str = "2025-06-02T09:00:00Z"


DEMO_CUSTOMERS: tuple[IonCustomer, ...] = (
    IonCustomer(
        customer_id="500174",
        name="Northwind Dental Group",
        email="it@northwind-dental.example",
        street="410 Harbor Blvd",
        city="Tacoma",
        state="WA",
        zip="98402",
    ),
    IonCustomer(
        customer_id="500175",
        name="Contoso Legal LLP",
        email="helpdesk@contoso-legal.example",
        street="88 Court Street",
        city="Boston",
        state="MA",
        zip="02108",
    ),
    IonCustomer(
        customer_id="500176",
        name="Fabrikam Logistics",
        email="it-ops@fabrikam-logistics.example",
        street="2300 Freight Way",
        city="Memphis",
        state="TN",
        zip="38118",
    ),
    IonCustomer(
        customer_id="500177",
        name="Tailspin Architects",
        email="office@tailspin-arch.example",
        street="15 Mill Lane",
        city="Portland",
        state="OR",
        zip="97205",
    ),
    IonCustomer(
        customer_id="500178",
        name="Adatum Veterinary Clinics",
        email="admin@adatum-vet.example",
        street="702 Prairie Ave",
        city="Omaha",
        state="NE",
        zip="68102",
    ),
)

_BY_ID = {customer.customer_id: customer for customer in DEMO_CUSTOMERS}


def customer_by_id(customer_id: str) -> IonCustomer | None:
    return _BY_ID.get(customer_id)
