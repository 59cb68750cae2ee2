"""Once installed, starting the dashboard never touches the network: the install script's
checks of Chromium and the fonts pass on a machine that has them, so apt-get is not run."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _installed_copy(tmp_path: Path) -> Path:
    """A copy of the project's install script whose .venv is stamped as up to date."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "install.sh", project / "scripts" / "install.sh")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    venv_bin = project / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    _tool(venv_bin, "python", "exit 0")
    digest = hashlib.sha256((project / "pyproject.toml").read_bytes()).hexdigest()
    (project / ".venv" / ".installed").write_text(f"{digest} extras=\n", encoding="utf-8")
    return project


def test_an_installed_machine_starts_without_calling_apt_get(tmp_path):
    project = _installed_copy(tmp_path)
    tools = tmp_path / "bin"
    tools.mkdir()
    called = tmp_path / "apt-get-called"
    _tool(tools, "chromium", "exit 0")
    # A real fc-list lists hundreds of fonts: enough output that a reader stopping at the first
    # match leaves fc-list writing into a closed pipe.
    _tool(
        tools,
        "fc-list",
        'if [[ "${1:-}" == ":lang=vi" ]]; then echo "Liberation Sans"; fi\n'
        'echo "/usr/share/fonts/DejaVuSans.ttf: DejaVu Sans"\n'
        "yes '/usr/share/fonts/Other.ttf: Other Sans' | head -n 200000",
    )
    _tool(tools, "apt-get", f"touch {called}; exit 1")
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "scripts/install.sh"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert not called.exists(), "apt-get ran although Chromium and the fonts are installed"
