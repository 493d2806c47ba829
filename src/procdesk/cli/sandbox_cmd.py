"""`procdesk sandbox`: the Autotask / Ingram Micro / TD SYNNEX emulator on a local port."""

from __future__ import annotations

import json

import click

from procdesk.demo.sandbox import credentials_document


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
    "*=latency:50' (grammar: the docstring of src/procdesk/sandbox/faults.py).",
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
    document = credentials_document(origin)
    if credentials_json:
        click.echo(json.dumps(document, indent=2))
        return
    from procdesk.demo.sandbox import SandboxSettingsError, serve

    def announce() -> None:
        click.echo(f"procdesk sandbox on {origin} (control: {origin}/_sandbox/state)")
        for name, fields in document.items():
            click.echo(f"\n{name}")
            for key, value in fields.items():
                click.echo(f"  {key}: {value}")
        click.echo("\nCtrl-C to stop.")

    try:
        serve(
            host=host, port=port, seed=seed, latency_ms=latency_ms, faults=faults, announce=announce
        )
    except SandboxSettingsError as exc:
        raise click.BadParameter(str(exc), param_hint="--faults") from exc
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror}") from exc
