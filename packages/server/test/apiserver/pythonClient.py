"""Drives daemonsim serve with Debian's python3-kubernetes, as a Python user would.

Usage: python3 pythonClient.py KUBECONFIG MANIFEST_JSON
Prints one JSON object describing what each client operation saw; the vitest e2e test asserts it.
"""
import json
import sys

import urllib3
from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
manifest = json.loads(sys.argv[2])
core = client.CoreV1Api()
apps = client.AppsV1Api()
out = {}
configuration = core.api_client.configuration
out["host"] = configuration.host
out["verifiesTls"] = bool(configuration.verify_ssl) and bool(configuration.ssl_ca_cert)
out["sendsToken"] = configuration.api_key.get("authorization", "").startswith("Bearer ")

out["nodes"] = sorted(n.metadata.name for n in core.list_node().items)
out["kubeSystemPods"] = sorted(p.metadata.name for p in core.list_namespaced_pod("kube-system").items)

selector = "app=" + manifest["spec"]["selector"]["matchLabels"]["app"]
rv = core.list_namespaced_pod("default", label_selector=selector).metadata.resource_version
created = apps.create_namespaced_daemon_set("default", manifest)
out["created"] = created.metadata.name

# python-kubernetes sends watch=True; the watch must stream, not end at once.
events = []
added, deleted = set(), set()
w = watch.Watch()
for ev in w.stream(
    core.list_namespaced_pod,
    "default",
    label_selector=selector,
    resource_version=rv,
    timeout_seconds=60,
):
    name = ev["object"].metadata.name
    events.append([ev["type"], name])
    if ev["type"] == "ADDED":
        added.add(name)
        if len(added) == len(out["nodes"]) and not deleted:
            apps.delete_namespaced_daemon_set(
                created.metadata.name,
                "default",
                body=client.V1DeleteOptions(propagation_policy="Background"),
            )
    if ev["type"] == "DELETED":
        deleted.add(name)
        if deleted == added:
            w.stop()
out["watchEvents"] = events

pod = sorted(core.list_namespaced_pod("kube-system").items, key=lambda p: p.metadata.name)[0]
container = pod.spec.containers[0].name
whole = core.read_namespaced_pod_log(pod.metadata.name, "kube-system", container=container)
out["logLines"] = len(whole.splitlines())
followed = core.read_namespaced_pod_log(
    pod.metadata.name,
    "kube-system",
    container=container,
    follow=True,
    timestamps=True,
    _preload_content=False,
    _request_timeout=2,
)
first = b""
try:
    for chunk in followed.stream(4096):
        first += chunk
    out["followEnded"] = True
except urllib3.exceptions.ReadTimeoutError:
    out["followEnded"] = False
out["followFirstLine"] = first.decode().splitlines()[0] if first else ""
print(json.dumps(out))
