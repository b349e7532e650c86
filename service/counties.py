"""Counties: the ledgers one process serves when a PostgreSQL database holds
several counties (service/deployment.py). Each county has its own Service
(ledger, views, runner) in its own schema and with its own keys; all of them
borrow one pool of connections (service/shared_pool.py). `follow` runs each
county's projection runner (one lease per county, as with one county) and
picks up a county added while the process runs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from uuid import UUID, uuid4

from domain.clock import Clock, system_clock
from domain.command_batch import Outcome
from projections.store import ViewStore
from service.bootstrap import build_ledger, build_service, ensure_schema, starting
from service.deployment import County, Deployment
from service.process import Service
from service.sessions import Sessions
from service.settings import Settings, store_env
from service.shared_pool import close_shared_pool, open_shared_pool
from service.throttle import Throttle

__all__ = ["Counties", "serves_counties"]

log = logging.getLogger("liudong.counties")
WATCH = 2.0  # seconds between looks for a newly added county
POLL = 0.1  # a county's runner looks for other processes' events this often (its own wake it at once)


def serves_counties(settings: Settings) -> bool:
    """Several counties: PostgreSQL, no single schema named, and a deployment registry in the database."""
    if not settings.uses_postgres or settings.names_one_schema:
        return False
    import psycopg

    assert settings.database_url is not None
    with psycopg.connect(settings.database_url) as conn:
        found = conn.execute("SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'counties'",
                             [settings.deployment_schema]).fetchone()
    return found is not None


class Counties:
    def __init__(self, settings: Settings, clock: Clock = system_clock):
        if not settings.uses_postgres:
            raise SystemExit("多个县须使用 PostgreSQL（设置 DATABASE_URL）；SQLite 只保存一个县")
        self.settings = settings
        self.clock = clock
        self.pool = f"{settings.deployment_schema}-{uuid4().hex[:8]}"
        assert settings.database_url is not None
        open_shared_pool(self.pool, settings.database_url, 2, settings.pg_pool_size)
        home = settings.model_copy(update={"pg_schema": settings.deployment_schema, "shared_pool": self.pool})
        ensure_schema(home)
        self.store = starting(lambda: ViewStore(store_env(home)))
        self.deployment = starting(Deployment(self.store, settings.deployment_schema).create_tables)
        # The pages' sessions and login counters of every county, in the deployment's schema.
        self.sessions = starting(Sessions(self.store, clock).create_tables)
        self.throttle = starting(Throttle(self.store, clock).create_tables)
        self.services: dict[str, Service] = {}
        self.names: dict[str, str] = {}
        self._credentials: dict[UUID, str] = {}  # a credential's county never changes
        self._building = threading.Lock()
        self.chores: list[Callable[[], object]] = []  # run by `follow` between looks for new counties

    def settings_for(self, county: County) -> Settings:
        return self.settings.for_county(county.code, county.schema, self.pool)

    def refresh(self) -> list[Service]:
        """Builds the service of each registered county not served yet; returns the new ones."""
        new = []
        with self._building:
            for county in self.deployment.counties():
                if county.code not in self.services:
                    service = build_service(self.settings_for(county), self.clock)
                    live = service.runner.ready()
                    service.runner.generations.prepare(live)
                    self.services[county.code], self.names[county.code] = service, county.name
                    new.append(service)
        return new

    def add(self, code: str, name: str, admin: str) -> Outcome:
        """Registers and initialises a county; returns its admin's outcome (with the token)."""
        county = self.deployment.add_county(code, name)
        try:
            ledger = build_ledger(self.settings_for(county), self.clock)
            try:
                return ledger.initialise(code, name, admin)
            finally:
                ledger.close()
        except BaseException:
            self.deployment.forget_county(code)
            raise

    def service(self, code: str) -> Service:
        if code not in self.services:
            self.refresh()
        return self.services[code]  # KeyError: no such county

    def known(self, credential: UUID) -> Service | None:
        """The county's service if this credential was seen before (never touches the store)."""
        code = self._credentials.get(credential)
        return self.services.get(code) if code else None

    def code_of(self, credential: UUID) -> str | None:
        return self._credentials.get(credential)

    def for_credential(self, credential: UUID) -> Service | None:
        """The service of the county whose credential this is (None: none's)."""
        code = self._credentials.get(credential)
        if code is None:
            code = self.deployment.county_of(credential)
            if code is None:
                return None
            self._credentials[credential] = code
        return self.service(code)

    def follow(self, stop: threading.Event) -> None:
        """Runs every county's runner until `stop`, starting one for each county added meanwhile."""
        runners: list[threading.Thread] = []
        while not stop.is_set():
            try:
                self.refresh()
            except Exception:  # the store is unreachable for a while: keep trying
                log.exception("could not look for new counties")
            for chore in self.chores:
                try:
                    chore()
                except Exception:
                    log.exception("a chore of the counties failed; trying again later")
            for code, service in list(self.services.items())[len(runners):]:
                thread = threading.Thread(target=service.runner.follow, args=(stop, POLL), daemon=True,
                                          name=f"liudong-projections-{code}")
                thread.start()
                runners.append(thread)
            stop.wait(WATCH)
        for thread in runners:
            thread.join(timeout=10)

    def close(self) -> None:
        for service in self.services.values():
            service.close()
        self.store.close()
        close_shared_pool(self.pool)
