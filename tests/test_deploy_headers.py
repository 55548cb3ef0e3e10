"""Deployment hardening: what nginx answers (a real nginx from deploy/nginx.conf.template in front of one
app process), and what the Dockerfile, .dockerignore and the Kubernetes manifests say."""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'; object-src 'none'; base-uri 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def nginx_available() -> bool:
    return bool(shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"))


def fetch(url: str) -> tuple[int, dict[str, list[str]]]:
    """Status and headers (every value of a repeated header) of one GET, errors included."""
    try:
        answer = urllib.request.urlopen(url, timeout=10)
    except urllib.error.HTTPError as exc:
        answer = exc
    with answer:
        answer.read()
        headers: dict[str, list[str]] = {}
        for name, value in answer.headers.items():
            headers.setdefault(name.lower(), []).append(value)
        return answer.status, headers


@pytest.mark.skipif(not nginx_available() and not os.environ.get("CI"), reason="nginx is not installed")
def test_every_answer_through_nginx_carries_the_security_headers_and_no_internals(tmp_path):
    from deploy.local_cluster import local_cluster
    from tests.fake_pxweb import FakePxWeb

    with FakePxWeb() as fake, local_cluster(tmp_path / "cache", fake.base_url, apps=1) as cluster:
        direct = f"http://127.0.0.1:{cluster.apps[0].port}/_stcore/metrics"
        assert fetch(direct)[0] == 200, "the app itself answers its metrics: nginx must not pass them on"
        answers = {path: fetch(cluster.url + path) for path in ("/", "/kunta?area=KU285", "/_stcore/health")}
        answers["/_stcore/metrics"] = fetch(cluster.url + "/_stcore/metrics")
        answers["/_stcore/metrics?x=1"] = fetch(cluster.url + "/_stcore/metrics?x=1")
    for path, (status, headers) in answers.items():
        assert status == (404 if "metrics" in path else 200), path
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name.lower()) == [value], (path, name, headers.get(name.lower()))
        assert headers["server"] == ["nginx"], "no version"
        assert "x-upstream" not in headers and not any("127.0.0.1" in v for vs in headers.values() for v in vs)


def test_the_nginx_template_hides_its_version_and_the_upstream():
    text = (DEPLOY / "nginx.conf.template").read_text(encoding="utf-8")
    assert re.search(r"^\s*server_tokens off;", text, re.M)
    assert "X-Upstream" not in text
    assert re.search(r"location = /_stcore/metrics \{\s*return 404;", text)


def test_the_image_runs_as_a_user_on_a_pinned_base_with_the_pdf_fonts():
    lines = [line.strip() for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()]
    froms = [line for line in lines if line.upper().startswith("FROM ")]
    assert froms and all(re.fullmatch(r"FROM \S+@sha256:[0-9a-f]{64}( AS \S+)?", f, re.I) for f in froms), froms
    users = [line.split()[1] for line in lines if line.upper().startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("root", "0"), users
    comments = " ".join(line.lstrip("# ") for line in lines if line.startswith("#"))
    assert "check the digest against the registry" in comments
    assert re.search(r"apt-get install[^\n]*fonts-dejavu-core", " ".join(lines).replace("\\ ", " "))


def test_the_docker_context_leaves_out_history_data_and_leftovers():
    entries = {
        line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines() if line.strip()
    }
    assert {".git", "cache/", "test-artifacts/", "**/__pycache__", ".venv/"} <= entries


def containers(node: object):
    """Every container (and init container) anywhere in a manifest."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("containers", "initContainers") and isinstance(value, list):
                yield from value
            else:
                yield from containers(value)
    elif isinstance(node, list):
        for item in node:
            yield from containers(item)


@pytest.mark.parametrize("manifest", sorted(p.name for p in (DEPLOY / "k8s").glob("*.yaml")))
def test_every_kubernetes_container_has_memory_and_cpu_requests_and_limits(manifest):
    docs = list(yaml.safe_load_all((DEPLOY / "k8s" / manifest).read_text(encoding="utf-8")))
    found = [c for doc in docs for c in containers(doc)]
    assert found
    for container in found:
        resources = container.get("resources") or {}
        for kind in ("requests", "limits"):
            assert set(resources.get(kind) or {}) >= {"cpu", "memory"}, (container["name"], kind)
