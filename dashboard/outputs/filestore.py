"""The shared store of render jobs: files made once, and the jobs running now.

Every web process (and, with Redis, every host and Celery worker) reads the same store:
a folder of diskcache on one host by default, Redis when ``REDIS_URL`` is set.

- **Files made once.** A finished file is kept under ``file_key``: its format, chart,
  language, the day it was made on, the filters, and the data version. The same file asked
  for again, by anyone, comes from here at once. A data reload changes the version, so a
  file made of the old data is never reached again (it expires after ``FILE_TTL_S``).
- **A bounded queue.** ``admit`` lets a job in while fewer than ``limit`` run or wait;
  ``leave`` lets it out. A job whose process died (its pid gone, on one host) or that
  outlived the time limit is forgotten, so a killed job never holds a place for ever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from dashboard.analysis.frame import Filters

FILE_TTL_S = 24 * 3600  # how long a made file is kept: it carries the day it was made on
JOBS = "jobs-in-flight"


@dataclass(frozen=True)
class Made:
    """A finished file: its ASCII name, its name in the page's language, and its bytes."""

    name: str
    title: str
    content: bytes


def file_key(
    version: str, kind: str, chart: str | None, filters: Filters, language: str, made_on: dt.date
) -> str:
    """Where the file of this view is kept: the same view of the same data on the same day."""
    view = hashlib.sha256(repr(filters).encode("utf-8")).hexdigest()[:16]
    return f"file:{version}:{kind}:{chart or '-'}:{language}:{made_on.isoformat()}:{view}"


class DiskStore:
    """The store in a folder (diskcache, SQLite): shared by the processes of one host."""

    def __init__(self, folder: Path | str) -> None:
        import diskcache

        self.folder = Path(folder)
        self.cache = diskcache.Cache(str(self.folder))

    def get(self, key: str) -> Made | None:
        found = self.cache.get(key)
        return pickle.loads(found) if found is not None else None

    def put(self, key: str, made: Made, ttl_s: float = FILE_TTL_S) -> None:
        self.cache.set(key, pickle.dumps(made), expire=ttl_s)

    def flag(self, key: str, ttl_s: float) -> None:
        self.cache.set(key, 1, expire=ttl_s)

    def flagged(self, key: str) -> bool:
        return self.cache.get(key) is not None

    def admit(self, job: str, limit: int, max_age_s: float, pid: int | None = None) -> bool:
        with self.cache.transact():
            jobs = _alive(self.cache.get(JOBS, {}), max_age_s)
            admitted = len(jobs) < limit
            if admitted:
                jobs[job] = (pid, time.time())
            self.cache.set(JOBS, jobs)
        return admitted

    def leave(self, job: str) -> None:
        with self.cache.transact():
            jobs = self.cache.get(JOBS, {})
            jobs.pop(job, None)
            self.cache.set(JOBS, jobs)

    def running(self, job: str, max_age_s: float) -> bool:
        return job in _alive(self.cache.get(JOBS, {}), max_age_s)

    def in_flight(self, max_age_s: float) -> int:
        return len(_alive(self.cache.get(JOBS, {}), max_age_s))


def _alive(jobs: dict, max_age_s: float) -> dict:
    """The jobs whose process still runs (when known) and that are younger than ``max_age_s``."""
    now = time.time()
    return {
        job: (pid, at)
        for job, (pid, at) in jobs.items()
        if now - at < max_age_s and (pid is None or _pid_alive(pid))
    }


def _pid_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


# A job's place in the queue, atomically: forget the too old, then count, then add.
_ADMIT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
return 1
"""


class RedisStore:
    """The store in Redis: shared by every host and Celery worker that names the same server."""

    def __init__(self, url: str) -> None:
        import redis

        self.url = url
        self.client = redis.Redis.from_url(url)
        self._admit = self.client.register_script(_ADMIT)

    def get(self, key: str) -> Made | None:
        found = self.client.get(key)
        return pickle.loads(found) if found is not None else None

    def put(self, key: str, made: Made, ttl_s: float = FILE_TTL_S) -> None:
        self.client.set(key, pickle.dumps(made), ex=int(ttl_s))

    def flag(self, key: str, ttl_s: float) -> None:
        self.client.set(key, b"1", ex=max(1, int(ttl_s)))

    def flagged(self, key: str) -> bool:
        return self.client.exists(key) > 0

    def admit(self, job: str, limit: int, max_age_s: float, pid: int | None = None) -> bool:
        return bool(self._admit(keys=[JOBS], args=[time.time(), max_age_s, limit, job]))

    def leave(self, job: str) -> None:
        self.client.zrem(JOBS, job)

    def running(self, job: str, max_age_s: float) -> bool:
        at = self.client.zscore(JOBS, job)
        return at is not None and time.time() - at < max_age_s

    def in_flight(self, max_age_s: float) -> int:
        return self.client.zcount(JOBS, time.time() - max_age_s, "+inf")


Store = DiskStore | RedisStore


def open_store(folder: Path | str, redis_url: str | None = None) -> Store:
    """Redis at ``redis_url`` when given (``REDIS_URL``), else the folder ``folder``."""
    if redis_url:
        return RedisStore(redis_url)
    os.makedirs(folder, exist_ok=True)
    return DiskStore(folder)
