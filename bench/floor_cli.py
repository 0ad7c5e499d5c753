"""The floor of the chosen stack for a pre-commit hook: a minimal Typer command.

It imports Typer, pydantic and PyYAML, composes one line with libyaml and
validates it with a one-field pydantic model: what any command written on
this stack pays before it does its own work. `bench/run.py` compares
`styrning validate` on the project's own data with this.
"""

import typer
import yaml
from pydantic import BaseModel

app = typer.Typer()


class One(BaseModel):
    titel: str


@app.command()
def main(text: str = "titel: Riktlinjer för ägarstyrning") -> None:
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert isinstance(node, yaml.MappingNode)
    One.model_validate({node.value[0][0].value: node.value[0][1].value})


if __name__ == "__main__":
    app()
