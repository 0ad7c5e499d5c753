"""`styrning status`."""

from __future__ import annotations

import typer

from styrning.cliutil import AsOfOption, AtOption, RootOption, parse_day, read_data, resolve_root


def status(
    root: RootOption = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
) -> None:
    """Var varje process står: typ, titel, senaste och nästa daterade händelse.

    Exempel: styrning status · styrning status --as-of 2022-04-15 ·
    styrning status --at 2022-05-01
    """
    from styrning.status import compute_status

    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of")
    dataset, provenance = read_data(data_root, at, day)
    result = compute_status(dataset, day)
    errors = [p for p in dataset.problems if p.is_error]
    if errors:
        typer.echo(
            f"obs: {len(errors)} fel i data – processer med fel saknas nedan; kör styrning validate",
            err=True,
        )
    typer.echo(f"Status per {day.isoformat()}")
    for row in result.rows:
        latest = f"{row.latest.date.swedish()} {row.latest.kind}" if row.latest else "–"
        upcoming = f"{row.next.date.swedish()} {row.next.kind}" if row.next else "–"
        if row.next is not None and row.next.planned:
            upcoming += " (planerad)"
        typer.echo(f"{row.kind:<10} {row.title}\n{'':10} senast: {latest} · nästa: {upcoming}")
    typer.echo("\n".join(provenance.lines()))
