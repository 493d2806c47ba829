"""The EC Express login: TD SYNNEX customer (account) number, web user name and password.

These are not StreamOne ION's OAuth credentials. The password is a SecretStr: it shows as
'**********' in reprs and is read only where a request document is built.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from procdesk.integrations.tdsynnex_xml.document import element
from procdesk.integrations.tdsynnex_xml.values import XmlText, xml_safe


class SynnexXmlCredentials(BaseModel):
    # hide_input_in_errors: a refused value (the password too) never shows in the error text
    model_config = ConfigDict(frozen=True, hide_input_in_errors=True)

    customer_number: XmlText = Field(min_length=1, max_length=20)
    username: XmlText = Field(min_length=1, max_length=100)
    password: SecretStr = Field(min_length=1)

    @field_validator("password")
    @classmethod
    def _password_fits_xml(cls, password: SecretStr) -> SecretStr:
        xml_safe(password.get_secret_value())
        return password


def b2b_envelope(credentials: SynnexXmlCredentials) -> ET.Element:
    """`<SynnexB2B><Credential><UserID/><Password/></Credential></SynnexB2B>`, to fill in."""
    root = ET.Element("SynnexB2B")
    login = element(root, "Credential")
    element(login, "UserID", credentials.username)
    element(login, "Password", credentials.password.get_secret_value())
    return root
