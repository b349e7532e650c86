"""`liudong serve` as a real process on a free loopback port, with a small
demo county loaded by `liudong demo`: the README's auditor queries answer."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx

from tests.support.stores import Store
from tests.support.helpers import cli_env
from tests.support.network import free_port



def test_the_readme_auditor_queries_against_a_running_server(store: Store) -> None:
    env = cli_env(store)
    loaded = subprocess.run([sys.executable, "-m", "cli.main", "demo", "--scale", "0.01", "--end", "2026-11-24"],
                            env=env, capture_output=True, text=True, timeout=300, check=False)
    assert loaded.returncode == 0, loaded.stderr
    auditor_token = loaded.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        auditor = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {auditor_token}"}, timeout=10)
        # 1. the county's statistics
        stats = auditor.get("/statistics").json()
        assert (stats["members"], stats["away"], stats["holding"]) == (196, 28, 26)
        # 2. who issued certificate N, on whose approval, to whom
        issued = auditor.get("/audit", params={"topic": "liudong.certificate.Issued", "size": 1}).json()["rows"][0]
        certificate = auditor.get(f"/certificates/{issued['certificate_number']}").json()
        assert certificate["issuer_name"].endswith("支部书记") and certificate["approver_name"].endswith("副书记")
        assert certificate["requester_name"].endswith("组织委员") and certificate["member_name"]
        # 3. a member's history, and where they were on a date
        history = auditor.get(f"/members/{certificate['member_id']}/history",
                              params={"as_of": certificate["issued_on"]}).json()
        assert history["as_of"]["certificates"] == [certificate["number"]]
        assert history["events"][0]["summary"].startswith("党员登记")
        assert auditor.post("/policy", json={"changes": {"back_pay_months": 3}}).status_code == 403
    finally:
        server.terminate()
        server.wait(timeout=30)
