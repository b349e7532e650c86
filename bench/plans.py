"""What wrk sends: the request plans of the HTTP figures, found over the API
of a running service (so they follow the service as it changes) as its
county admin. Each township gets an officer and a token (minted here, through
the API); each URL is paired with a token that may read it, mostly the
township officer's own, some the admin's or the auditor's. Every request is
checked before it is timed: a plan with a refusal in it is a bug, raised."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.wrk import Request

__all__ = ["Plans", "build_plans", "sent_once"]

STATUSES = (None, "away_any", "away", "reported_in", "lost_contact", "returned", "at_home")
PAGE = 50
PER_TOWNSHIP = 25  # histories and certificates per township


@dataclass
class Plans:
    register: list[Request]
    history: list[Request]
    certificate: list[Request]
    statistics: list[Request]
    contacts: list[Request]  # 联系 (contact) commands, reached: the member stays away
    lost: list[dict[str, Any]]  # 联系, lost, for bench/load.py's follow mode of lost_on (members not in `contacts`)
    register_bytes: int  # the average register page's body, for the ceiling
    tokens: int  # distinct tokens over the read plans

    def reads(self) -> dict[str, list[Request]]:
        return {"register page": self.register, "member history": self.history,
                "certificate by number": self.certificate, "statistics": self.statistics}


def _path(base: str, **query: Any) -> str:
    given = {k: v for k, v in query.items() if v is not None}
    return f"{base}?{urlencode(given)}" if given else base


class _Api:
    def __init__(self, url: str, admin: str):
        self.http = httpx.Client(base_url=url, timeout=60)
        self.admin = admin

    def get(self, path: str, token: str | None = None) -> Any:
        answer = self.http.get(path, headers={"Authorization": f"Bearer {token or self.admin}"})
        answer.raise_for_status()
        return answer.json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        answer = self.http.post(path, json=body, headers={"Authorization": f"Bearer {self.admin}"})
        answer.raise_for_status()
        return answer.json()


def _officers(api: _Api, townships: list[dict[str, Any]]) -> dict[str, str]:
    """A township officer's token per township id, appointed and issued by the admin."""
    tokens = {}
    for t in townships:
        officer = api.post("/officers", {"name": f"压测员{t['name'][:4]}", "org_id": t["org_id"], "role": "officer"})
        tokens[t["org_id"]] = api.post(f"/officers/{officer['subject_id']}/tokens", {})["token"]
    return tokens


def _register(api: _Api, township: str, token: str) -> tuple[list[Request], list[dict[str, Any]]]:
    """The township's register pages (each status, its first pages, some filters) and the away members' rows."""
    requests, away = [], []
    for status in STATUSES:
        first = api.get(_path("/register", org_id=township, status=status, size=PAGE), token)
        pages = min(2, max(1, -(-first["total"] // PAGE)))
        requests += [Request("GET", _path("/register", org_id=township, status=status, page=p if p > 1 else None,
                                          size=PAGE), token) for p in range(1, pages + 1)]
        if status == "away_any":
            away = first["rows"] + (api.get(_path("/register", org_id=township, status=status, page=2, size=PAGE),
                                            token)["rows"] if pages > 1 else [])
    provinces = sorted({r["province"] for r in away if r.get("province")})
    filters = [{"status": "away_any", "sort": "departed_on", "descending": "true"}, {"name": "王"},
               *({"status": "away_any", "province": p} for p in provinces[:2])]
    requests += [Request("GET", _path("/register", org_id=township, size=PAGE, **f), token) for f in filters]
    return requests, away


def _county(admin: str, auditor: str) -> list[Request]:
    """County-wide pages, as the admin and as the auditor."""
    return [Request("GET", _path("/register", status=s, page=p if p > 1 else None, size=PAGE), who)
            for s in STATUSES for p, who in ((1, admin), (2, auditor), (3, admin))]


def sent_once(url: str, requests: Iterable[Request]) -> list[int]:
    """Each GET sent once, its body's size; raises naming the first request refused."""
    with httpx.Client(base_url=url, timeout=60) as http:
        def fetch(r: Request) -> int:
            answer = http.get(r.path, headers={"Authorization": f"Bearer {r.token}"})
            if answer.status_code != 200:
                raise RuntimeError(f"the plan's {r.path} was answered {answer.status_code}: {answer.text[:300]}")
            return len(answer.content)
        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(fetch, requests))


def build_plans(url: str, admin: str, auditor: str) -> Plans:
    api = _Api(url, admin)
    orgs = api.get("/organisations")
    townships = [o for o in orgs if o["kind"] == "township_committee"]
    tokens = _officers(api, townships)
    register, history, certificate, statistics, contacts, lost = _county(admin, auditor), [], [], [], [], []
    seen: set[str] = set()
    for t in townships:
        token = tokens[t["org_id"]]
        pages, away = _register(api, t["org_id"], token)
        register += pages
        history += [Request("GET", f"/members/{r['member_id']}/history", token) for r in away[:PER_TOWNSHIP]]
        certificate += [Request("GET", f"/certificates/{r['certificate_number']}", token)
                        for r in away if r.get("certificate_number")][:PER_TOWNSHIP]
        branches = [o for o in orgs if o.get("township_id") == t["org_id"] and o["kind"] == "branch"]
        statistics += [Request("GET", _path("/statistics", org_id=t["org_id"]), token),
                       *(Request("GET", _path("/statistics", org_id=b["org_id"]), token) for b in branches)]
        fresh = [r for r in away if r["status"] in ("away", "reported_in") and not r.get("lost_on")
                 and r["member_id"] not in seen]
        seen.update(r["member_id"] for r in fresh)  # a member away in two townships' lists posts in one
        contacts += [Request("POST", f"/members/{r['member_id']}/contacts", token,
                             json.dumps({"method": "phone", "outcome": "reached"})) for r in fresh[::2]]
        lost += [{"method": "POST", "path": f"/members/{r['member_id']}/contacts",
                  "json": {"method": "visit", "outcome": "lost", "lost_reason": "moved"},
                  "follow": f"/members/{r['member_id']}", "expect": "*"} for r in fresh[1::2]]
    statistics += [Request("GET", "/statistics", admin), Request("GET", "/statistics", auditor)]
    for plan in (register, history, certificate, statistics, contacts):
        random.Random(17).shuffle(plan)  # neighbours in the rotation ask different things
    sizes = sent_once(url, register)  # the other plans are checked by their warm-up (bench/serving.py)
    api.http.close()
    return Plans(register, history, certificate, statistics, contacts, lost, round(sum(sizes) / len(sizes)),
                 len({r.token for r in register + history + certificate + statistics}))
