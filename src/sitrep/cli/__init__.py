"""The `sitrep` command: flags in, one library call, formatted records out."""

from __future__ import annotations

import sys

from typer import Abort, Exit
from typer.exceptions import TyperException

from ..errors import SitrepError
from . import text as _text  # noqa: F401  (registers commands)
from .app import State, app

for _module in ("ledger", "fusion"):
    try:
        __import__(f"{__name__}.{_module}")
    except ModuleNotFoundError as _exc:  # a command group not built yet
        if _exc.name != f"{__name__}.{_module}":
            raise


def main(argv: list[str] | None = None) -> int:
    """Entry point: exit 0 when all went well, 1 when documents failed, 2 on usage errors."""
    try:
        rv = app(args=argv, prog_name="sitrep", standalone_mode=False)
    except SitrepError as exc:
        if State.debug:
            raise
        print(f"sitrep: error: {exc}", file=sys.stderr)
        code = exc.exit_code
    except Exit as exc:
        code = exc.exit_code
    except TyperException as exc:  # click's usage errors, as vendored by typer
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            print(f"sitrep: error: {exc}", file=sys.stderr)
        code = int(getattr(exc, "exit_code", 2))
    except Abort:
        print("sitrep: aborted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = 0
    else:
        code = rv if isinstance(rv, int) else 0
    sys.stdout.flush()
    if __name__ == "__main__":
        sys.exit(code)
    return code


def entry() -> None:
    sys.exit(main())
