"""``python -m korrektor``: the ``korrektor`` command, for where its script is not on the PATH."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover (run in a subprocess by the tests)
    main(prog_name="korrektor")
