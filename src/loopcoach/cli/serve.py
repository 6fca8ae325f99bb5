"""`loopcoach serve`: the web app on the same database and packs as the CLI.

FastAPI and uvicorn are imported only when the command runs, so other commands
(`loopcoach score` above all) start without them.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from loopcoach.cli.context import state


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        ctx: typer.Context,
        host: Annotated[
            str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless you mean it.")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
        workers: Annotated[
            int, typer.Option(min=1, max=32, help="Worker processes (more answers per second).")
        ] = 1,
        allow_host: Annotated[
            list[str] | None,
            typer.Option(
                "--allow-host",
                help="Another host name the server answers to (repeatable); "
                "127.0.0.1, localhost and ::1 always are.",
            ),
        ] = None,
        service: Annotated[
            bool,
            typer.Option(
                "--service",
                help="Service mode: accounts on PostgreSQL for a cohort (docs/service.md).",
            ),
        ] = False,
    ) -> None:
        """Serve the web app: practice, feedback, history and progress in the browser."""
        import uvicorn

        from loopcoach.web import create_app
        from loopcoach.web.security import allowed_hosts

        app_state = state(ctx)
        names = [*app_state.settings.allowed_hosts, *(allow_host or [])]
        if not is_loopback(host) and host not in ("0.0.0.0", "::"):
            names.append(host)
        update: dict[str, object] = {"allowed_hosts": names}
        if service:
            update["mode"] = "service"
        settings = app_state.settings.model_copy(update=update)
        if settings.service:
            from loopcoach.web.service import check_service_settings

            # Before anything is opened: no database is touched without what it needs.
            check_service_settings(settings, settings.resolved_database_url())
        if not is_loopback(host) and not settings.service:
            typer.echo(
                f"warning: {host} is not a loopback address, and local mode has no login: "
                "anyone on your network who can reach this port can read your answers, "
                "salaries and stories, change them and delete them. Keep 127.0.0.1 unless "
                "you mean it; the server answers only to the host names "
                f"{', '.join(allowed_hosts(names))} (add others with --allow-host).",
                err=True,
            )
        if workers == 1:
            # Built before saying it serves: a database it cannot use stops it here.
            web_app = create_app(settings, content=app_state.content)
            if settings.service:
                typer.echo("Service mode: accounts, sessions and rate limits are on.")
            typer.echo(f"loopcoach is serving at {url_for(host, port)}")
            typer.echo(f"Data: {app_state.database_location()}. Press Ctrl-C to stop.")
            uvicorn.run(web_app, host=host, port=port, log_level="warning")
            return
        # Worker processes build their own app from the environment, so pass the settings on.
        os.environ["LOOPCOACH_DATABASE_URL"] = settings.resolved_database_url()
        os.environ["LOOPCOACH_ALLOWED_HOSTS"] = _json_list(names)
        os.environ["LOOPCOACH_MODE"] = settings.mode
        if settings.pack_dirs:
            os.environ["LOOPCOACH_PACK_DIRS"] = _json_list([str(p) for p in settings.pack_dirs])
        # Migrate once here, before the workers start and race to do it.
        app_state.store  # noqa: B018
        typer.echo(f"loopcoach is serving at {url_for(host, port)}")
        typer.echo(f"Data: {app_state.database_location()}. Press Ctrl-C to stop.")
        uvicorn.run(
            "loopcoach.web:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )


def _json_list(items: list[str]) -> str:
    import json

    return json.dumps(items)
