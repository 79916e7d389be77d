"""One way for nerbench's Python scripts to run with pinned dependencies.

`ensure(venv, requirements, script)` returns at once when the calling script
already runs inside `venv`. Otherwise it creates the venv (again, from scratch,
whenever the pinned list differs from the one it was made with), installs the
pins, and re-executes the script with the venv's interpreter and the same
arguments. Every script keeps its own venv directory (`.venv-*`, git-ignored).
"""
import os
import subprocess
import sys
from pathlib import Path


def ensure(venv: Path, requirements, script: str) -> None:
    """`requirements`: a list of pins, or the path of a requirements file."""
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    if isinstance(requirements, Path):
        pins = [l.strip() for l in requirements.read_text().splitlines()]
        pins = [p for p in pins if p and not p.startswith("#")]
    else:
        pins = list(requirements)
    wanted = "\n".join(pins) + "\n"
    stamp = venv / "pinned.txt"
    python = venv / "bin" / "python"
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"creating {venv} (pinned versions)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
            check=True,
        )
        stamp.write_text(wanted)
    os.execv(str(python), [str(python), str(Path(script).resolve()), *sys.argv[1:]])
