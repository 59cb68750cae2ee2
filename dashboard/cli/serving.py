"""``dashboard serve`` (the page on one host) and ``dashboard worker`` (a Celery worker drawing
the decks and images of every web process that shares ``REDIS_URL``). Dash is imported only
when one of them runs, so the other commands start without it.
"""

from __future__ import annotations

import sys

import click

from dashboard.cli.options import (
    CTX,
    EN,
    config_option,
    data_option,
    default_path,
    load,
    seeds_option,
    settings,
)


def _refuse_busy_port(host: str, port: int) -> None:
    """Exit with one line before anything starts when ``host:port`` cannot be listened on."""
    from dashboard.web.ports import port_problem

    problem = port_problem(host, port)
    if problem is None:
        return
    if problem.in_use and problem.free is not None:
        line = EN.text(
            "Port {port} on {host} is in use. Try --port {free}.",
            CTX,
            host=host,
            port=port,
            free=problem.free,
        )
    else:
        line = EN.text(
            "Cannot listen on {host}:{port}: {reason}. Pick another port with --port.",
            CTX,
            host=host,
            port=port,
            reason=problem.reason,
        )
    raise click.ClickException(str(line))


@click.command(
    help=EN.text(
        "Start the dashboard. Invalid data or config: list every problem and do not start.", CTX
    )
)
@data_option
@seeds_option
@config_option
@click.option(
    "--host",
    default=None,
    help=EN.text("Address to listen on (default: server.host in config, 127.0.0.1).", CTX),
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help=EN.text("Port (default: server.port in config, 8050).", CTX),
)
@click.option(
    "--debug/--no-debug",
    default=None,
    help=EN.text("Dash debug mode: reloader and error pop-ups. Off unless asked for.", CTX),
)
def serve(data_dir, seeds_dir, config_path, host, port, debug) -> None:
    config = settings(config_path)
    host = host or config.server.host
    port = port or config.server.port
    _refuse_busy_port(host, port)
    dataset = load(data_dir, seeds_dir)
    from dashboard.web.app import create_app  # Dash is imported only by the command that needs it

    app = create_app(
        dataset, config, seeds_dir or default_path("seeds"), data_dir or default_path("data")
    )
    debug = config.server.debug if debug is None else debug
    from dashboard.outputs.images import prewarm

    prewarm()  # Chromium starts in the background, so the first image or deck download is warm
    click.echo(
        EN.text(
            "Dashboard running at http://{host}:{port}/  (Ctrl+C to stop)",
            CTX,
            host=host,
            port=port,
        )
    )
    try:
        app.run(host=host, port=port, debug=debug)
    except OSError as err:
        click.echo(
            EN.text(
                "Cannot listen on {host}:{port}: {reason}. Pick another port with --port.",
                CTX,
                host=host,
                port=port,
                reason=err.strerror or err,
            ),
            err=True,
        )
        sys.exit(1)


@click.command(
    help=EN.text(
        "Draw the page's decks and images for every web process that shares REDIS_URL: a Celery worker with the same data and config.",
        CTX,
    )
)
@data_option
@seeds_option
@config_option
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=2,
    help=EN.text("Jobs this worker draws at once.", CTX),
)
def worker(data_dir, seeds_dir, config_path, concurrency) -> None:
    import os

    config, dataset = (
        settings(config_path),
        load(data_dir, seeds_dir),
    )  # invalid data: the validate lines, as every command
    if not os.environ.get("REDIS_URL", "").strip():
        raise click.ClickException(
            str(
                EN.text(
                    "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): the worker takes its jobs from Redis.",
                    CTX,
                )
            )
        )
    from dashboard.web.app import create_app
    from dashboard.web.jobmanagers import run_worker
    from dashboard.web.workerdata import WorkerData

    data_dir, seeds_dir = data_dir or default_path("data"), seeds_dir or default_path("seeds")
    config_path = config_path or default_path("config.yaml")
    run_worker(
        create_app(dataset, config, seeds_dir, data_dir),
        concurrency,
        WorkerData(data_dir, seeds_dir, config_path),
    )
