"""``dashboard worker`` follows a data change: a job that carries a data version other than the
worker's makes it load its data folder, seeds and settings file again, and draw with them when
they give the job's version.

The web processes reload on a signal or a changed file (``web.server.Keeper``); a worker started
before the change would otherwise refuse every job of the new version until restarted by hand.
The files are validated first, as every command does (``views.checked.load_checked``): invalid
files are refused (each problem logged as ``path:line: …``), and the worker keeps the data it
had. Files that give yet another version (the page is older than the files, or another host's
files differ) are refused too: the page is told to reload.

Each pool process of the worker holds its own copy of the data, so each loads the new version
once, at its first job of that version.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import flask

from dashboard.config import load_config
from dashboard.curated.problems import DataInvalid
from dashboard.views.checked import load_checked
from dashboard.web.state import STATE_KEY, data_version, make_state

log = logging.getLogger("dashboard.jobs")


class Followed(Enum):
    """What a worker made of a job's data version."""

    SAME = "same"  # the worker already has it
    RELOADED = "reloaded"  # its files give it: loaded now
    INVALID = "invalid"  # its files do not validate: the old data kept
    OTHER = "other"  # its files give another version: the old data kept


@dataclass
class WorkerData:
    """Where ``dashboard worker`` loads its data from (the paths it was started with)."""

    data_dir: Path
    seeds_dir: Path
    config_path: Path | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def follow(self, server: flask.Flask, asked: str) -> Followed:
        """Make ``server`` draw data version ``asked`` when its files give it (see the module's note)."""
        if server.config[STATE_KEY].version == asked:
            return Followed.SAME
        with self._lock:
            state = server.config[STATE_KEY]
            if state.version == asked:  # another job of this process loaded it meanwhile
                return Followed.SAME
            try:
                config = load_config(self.config_path)
                dataset = load_checked(self.data_dir, self.seeds_dir)
            except DataInvalid as err:
                for problem in err.problems:
                    log.error("reload refused: %s", problem)
                log.error(
                    "a job asks for data version %s; reload refused: %d problem(s) in %s; "
                    "still drawing data version %s",
                    asked,
                    len(err.problems),
                    self.data_dir,
                    state.version,
                )
                return Followed.INVALID
            found = data_version(dataset)
            if found != asked:
                log.error(
                    "a job asks for data version %s, the files in %s give %s: still drawing %s "
                    "(the page is older than the files, or this host's files differ)",
                    asked,
                    self.data_dir,
                    found,
                    state.version,
                )
                return Followed.OTHER
            server.config[STATE_KEY] = make_state(dataset, config, self.seeds_dir, self.data_dir)
            log.info("data reloaded for a job: version %s (was %s)", found, state.version)
            return Followed.RELOADED
