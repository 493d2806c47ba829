"""`procdesk sandbox`: the Autotask / Ingram Micro / TD SYNNEX emulator on a local port."""

from __future__ import annotations

import json

import click

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.urls import provider_base_urls


def _credentials_document(origin: str) -> dict[str, dict[str, str]]:
    """Per provider: its base URL and every demo credential field."""
    urls = provider_base_urls(origin)
    creds = DEMO_CREDENTIALS.model_dump()
    return {name: {"base_url": url, **creds[name]} for name, url in urls.items()}


@click.command("sandbox")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--seed", default=0, show_default=True, type=int, help="Seed for faults and data.")
@click.option(
    "--latency-ms",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Latency added to every provider response.",
)
@click.option(
    "--faults",
    "faults",
    default="",
    metavar="SPEC",
    help="Fault rules, e.g. 'autotask:POST:*/Charges=timeout_after_effect:0.2,"
    "*=latency:50' (grammar: procdesk.sandbox.faults).",
)
@click.option(
    "--credentials-json",
    is_flag=True,
    help="Print the base URLs and demo credentials as one JSON object and exit.",
)
def sandbox_command(
    host: str, port: int, seed: int, latency_ms: int, faults: str, credentials_json: bool
) -> None:
    """Serve the emulated provider APIs with demo data until Ctrl-C."""
    origin = f"http://{host}:{port}"
    document = _credentials_document(origin)
    if credentials_json:
        click.echo(json.dumps(document, indent=2))
        return
    from pydantic import ValidationError

    from procdesk.sandbox.config import SandboxConfig

    try:
        config = SandboxConfig(
            host=host, port=port, seed=seed, latency_ms=latency_ms, faults=faults
        )
    except ValidationError as exc:
        raise click.BadParameter(exc.errors()[0]["msg"], param_hint="--faults") from exc
    from procdesk.sandbox.server import run_forever

    def announce() -> None:
        click.echo(f"procdesk sandbox on {origin} (control: {origin}/_sandbox/state)")
        for name, fields in document.items():
            click.echo(f"\n{name}")
            for key, value in fields.items():
                click.echo(f"  {key}: {value}")
        click.echo("\nCtrl-C to stop.")

    try:
        run_forever(config, announce)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror}") from exc
