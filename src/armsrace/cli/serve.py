"""`armsrace serve`: the local what-if dashboard and JSON API (loopback only unless asked)."""

from __future__ import annotations

from pathlib import Path

import typer

from armsrace.cli._output import DbOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the 'serve' command to the root app."""
    app.command("serve")(serve)


def serve(
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="TCP port (0: any free port)."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to bind; anything but loopback is reachable by others."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the dashboard in a browser."),
    db: Path | None = DbOption,
) -> None:
    """Start the dashboard (targets, spending, race what-if, claims, data) and its JSON API.

    Binds 127.0.0.1 by default: nothing outside this machine can reach it. Every script,
    style and chart library comes from the installed package; the page fetches nothing
    from the network. Stop it with Ctrl-C.

    Example:
        armsrace serve --open
        armsrace serve --port 9000
    """
    import ipaddress
    import socket
    import threading
    import webbrowser

    import uvicorn

    from armsrace.cli._output import cli_settings, console
    from armsrace.serve.app import create_app

    settings = cli_settings(db)
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        console().print(
            f"[yellow]warning:[/] binding {host}: other machines on the network can reach this "
            "server and run simulations on it; it has no login"
        )
    with console().status("Opening the fact store…"):
        app = create_app(settings.store_path(), settings)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise typer.BadParameter(
            f"cannot bind {host}:{port}: {exc.strerror}", param_hint="--port"
        ) from None
    sock.listen(2048)  # connections queue from now on: the printed URL answers
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"
    typer.echo(f"armsrace dashboard: {url}  (API: {url}api/docs; Ctrl-C stops it)")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])
