"""Injected errors in each provider's own error shape."""

from __future__ import annotations

import json

INJECTED_500 = "Injected fault: internal server error."
INJECTED_429 = "Injected fault: too many requests."


def error_media_type(provider: str) -> str:
    return "application/xml" if provider == "tdsynnex_xml" else "application/json"


def error_body(provider: str, status: int) -> bytes:
    message = INJECTED_500 if status == 500 else INJECTED_429
    if provider == "tdsynnex_xml":  # the XML interface's refusal shape (see synnexxml.replies)
        return (
            b'<?xml version="1.0" encoding="utf-8"?>\n'
            b"<errorResponse><errorDetail>%s</errorDetail></errorResponse>" % message.encode()
        )
    body: object
    if provider == "autotask":
        body = {"errors": [message]}
    elif provider == "ingram":
        body = (
            {
                "fault": {
                    "faultstring": message,
                    "detail": {"errorcode": "policies.ratelimit.QuotaViolation"},
                }
            }
            if status == 429
            else {
                "errors": [
                    {
                        "id": "sandbox-fault",
                        "type": "SERVER_ERROR",
                        "message": message,
                        "fields": [],
                    }
                ]
            }
        )
    else:
        body = {"code": status, "message": message, "details": []}
    return json.dumps(body).encode()
