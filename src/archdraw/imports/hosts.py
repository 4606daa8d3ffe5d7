"""Host names inside configuration: connection URLs and `*_HOST`-style variables.

Compose and Kubernetes both wire services together this way. A value naming another
service is evidence of a call, but only evidence: it gives a guessed link. Values are
never copied into the design (a URL may carry a password).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]*)://(?:[^@/\s]*@)?([A-Za-z0-9_\-.]+)(?::(\d+))?")
_HOST_PORT = re.compile(r"^([A-Za-z][A-Za-z0-9_\-.]*)(?::(\d+))?$")
_HOST_VARIABLE = re.compile(
    r"(HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|SERVER|SERVERS|URL|URI|ENDPOINT|BROKER|BROKERS|DSN)$",
    re.IGNORECASE,
)
# Addresses a process gives for itself (to listen on, or to reach its own sidecar): never
# another service, so never a link and nothing to resolve.
_OWN_ADDRESSES = frozenset({"0.0.0.0", "localhost", "127.0.0.1", "::", "::1"})
# Names Docker gives the machine it runs on: a service outside the input, said as such.
DOCKER_HOST_NAMES = frozenset({"host.docker.internal", "gateway.docker.internal"})
# Messages over these protocols are sent and forgotten: the link is asynchronous.
ASYNC_SCHEMES = frozenset({"amqp", "amqps", "kafka", "nats", "mqtt", "mqtts", "stomp", "pulsar"})
_BROKER_VARIABLE = re.compile(r"(BROKER|QUEUE|CELERY|AMQP|KAFKA|NATS)", re.IGNORECASE)


@dataclass(frozen=True)
class HostReference:
    host: str
    scheme: str | None
    variable: str | None

    @property
    def is_async(self) -> bool:
        return self.scheme in ASYNC_SCHEMES

    @property
    def as_broker(self) -> bool:
        """Named by a variable for a message broker (Celery on Redis: a queue, not a cache)."""
        return self.variable is not None and bool(_BROKER_VARIABLE.search(self.variable))

    def describe(self) -> str:
        where = f"variable {self.variable}" if self.variable else "an argument"
        article = "an" if self.scheme and self.scheme[0] in "aeiou" else "a"
        what = f"{article} {self.scheme}:// URL" if self.scheme else "a host name"
        return f"{where} holds {what} naming '{self.host}'"


def host_references(value: str, variable: str | None = None) -> list[HostReference]:
    return [r for r in _references(value, variable) if r.host.lower() not in _OWN_ADDRESSES]


def _references(value: str, variable: str | None) -> list[HostReference]:
    found = [HostReference(m.group(2), m.group(1).lower(), variable) for m in _URL.finditer(value)]
    if found or variable is None:
        return found
    # `host:port` is an address whatever the variable is called; a bare word only when
    # the variable's name says it holds a host.
    named = bool(_HOST_VARIABLE.search(variable))
    for part in value.split(","):
        match = _HOST_PORT.match(part.strip())
        if match and (named or match.group(2)):
            found.append(HostReference(match.group(1), None, variable))
    return found


def service_name(host: str, cluster_dns: bool) -> list[str]:
    """The names a host could be: itself and, in a cluster, the first label of a Service's
    DNS name (`cart.shop.svc.cluster.local` or `cart.shop` is the Service `cart`), or the
    second of a StatefulSet pod's (`kafka-0.kafka-headless.shop.svc.cluster.local`)."""
    host = host.lower()
    labels = host.split(".")
    if cluster_dns and "svc" in labels[1:]:
        before = labels[: labels.index("svc", 1)]
        return [host, before[0], *([before[1]] if len(before) == 3 else [])]
    if cluster_dns and host.count(".") == 1:
        return [host, labels[0]]
    return [host]
