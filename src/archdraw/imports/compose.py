"""Docker Compose: services to components, by image; wiring from variables; networks to zones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archdraw.imports.builder import DesignBuilder, imported_name
from archdraw.imports.compose_extends import Extends
from archdraw.imports.compose_files import (
    Interpolator,
    merge_projects,
    normalise_services,
    read_env_file,
    tagged,
)
from archdraw.imports.compose_shape import check_shape
from archdraw.imports.hosts import host_references
from archdraw.imports.images import Typing, type_of
from archdraw.imports.inputs import MERGE_TAGS, YamlDocument, fail, read_bytes, yaml_documents
from archdraw.imports.mapping import MappingTables
from archdraw.imports.wiring import link_by_reference, resolve
from archdraw.source import Limits

_OVERRIDE_LABEL = "archdraw.type"
_TRAEFIK_ROUTERS = ("traefik.http.routers.", "traefik.tcp.routers.", "traefik.udp.routers.")


def _published(port: Any) -> str | None:
    """The host side of a published port, or None when it is not reachable from outside."""
    if isinstance(port, dict):
        published, host_ip = port.get("published"), str(port.get("host_ip", ""))
        return None if host_ip.startswith("127.") else str(published or port.get("target"))
    text = str(port)
    parts = text.split(":")
    if len(parts) >= 3 and parts[0].startswith("127."):
        return None
    return text


ALL_PROFILES = "*"


def _volume_source(volume: str | dict[str, Any]) -> str | None:
    """What a service volume mounts: a named volume, a host path, or None (anonymous)."""
    if isinstance(volume, dict):
        source = volume.get("source")
        return str(source) if source else None
    parts = volume.split(":")
    return parts[0] if len(parts) > 1 else None


def _count(value: Any) -> int | None:
    """A whole number of containers: an integer, or the digits a variable gave (Compose reads
    `replicas: ${API_REPLICAS:-2}` as the number it interpolates to)."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_host_path(source: str) -> bool:
    return source.startswith((".", "/", "~")) or "/" in source


class ComposeImport:
    def __init__(
        self,
        builder: DesignBuilder,
        mapping: MappingTables,
        limits: Limits | None = None,
        profiles: list[str] | None = None,
    ) -> None:
        self.builder, self.mapping = builder, mapping
        self.limits, self.profiles = limits or Limits(), profiles
        self.where: dict[str, str] = {}
        self.hosts: dict[str, str] = {}
        self.networks: dict[str, set[str]] = {}
        self.skipped_services: dict[str, list[str]] = {}
        self.profile_only: dict[str, list[str]] = {}

    def run(self, files: list[tuple[str, YamlDocument]], folder: Path) -> None:
        env = read_env_file(folder / ".env")
        # The shell that runs Compose always sets PWD (files use `$PWD/data` for a folder
        # beside them); "." says the same without this machine's path.
        self.interpolate = Interpolator({"PWD": ".", **env})
        extends = Extends(self.load_base)
        datas = []
        for name, document in files:
            data = self.read(name, document)
            data["services"] = extends.resolve_file(name, data["services"], document)
            for service in data["services"]:
                self.where.setdefault(
                    str(service), f"{name}:{document.line('services', service)} services.{service}"
                )
            datas.append(data)
        project = merge_projects(datas)
        if isinstance(project.get("name"), str) and project["name"].strip():
            # Compose names the project by its top-level `name:` before the folder's name.
            self.builder.name = imported_name(project["name"].strip(), "compose")
        interpolate = self.interpolate
        self.choose_profiles(project["services"], env)
        for variable, where in sorted(interpolate.missing.items()):
            self.builder.unresolved(f"{where}: variable {variable} is not set; read as empty")
        services: dict[str, dict[str, Any]] = project["services"]
        named_volumes = set(project.get("volumes") or {})
        for section in ("secrets", "configs"):
            if project.get(section):
                self.builder.skip(section[:-1], len(project[section]))
        for name, service in services.items():
            self.service(name, service, named_volumes)
        for service in services.values():
            self.link_aliases(service)
        for name, service in services.items():
            self.shared_namespace(name, service, services)
        for name, service in services.items():
            self.wire(name, service)
        self.proxy_routes(services)

    def read(self, name: str, document: YamlDocument) -> dict[str, Any]:
        data = document.data
        if not isinstance(data, dict) or not isinstance(data.get("services"), dict):
            raise fail(name, "a Compose file needs a 'services' mapping", document.line())
        check_shape(name, document)
        return normalise_services(
            self.interpolate.data(
                tagged(data, document.locations.tags), name, lambda path: document.line(*path)
            )
        )

    def load_base(self, path: Path) -> tuple[dict[str, Any], YamlDocument]:
        """The services of a file named by `extends: file:` (not part of the project)."""
        name = str(path)
        found = yaml_documents(read_bytes(path, self.limits), name, self.limits, MERGE_TAGS)
        if len(found) != 1:
            raise fail(name, "a Compose file holds exactly one YAML document")
        return self.read(name, found[0])["services"], found[0]

    def choose_profiles(self, services: dict[str, Any], env: dict[str, str]) -> None:
        """Leave out the services whose profiles are all inactive. Active: `--profile`, else
        `COMPOSE_PROFILES` in the .env file; `*` is every profile. With neither, every
        service is imported (a design shows the whole system, and a profile's service is
        often the one the others call) and each profile-only one says so."""
        active = self.profiles
        if active is None and env.get("COMPOSE_PROFILES", "").strip():
            active = [p.strip() for p in env["COMPOSE_PROFILES"].split(",") if p.strip()]
        for name in list(services):
            wanted = services[name].get("profiles") if isinstance(services[name], dict) else None
            if not wanted:
                continue
            names = [str(p) for p in (wanted if isinstance(wanted, list) else [wanted])]
            if active is None:
                self.profile_only[name] = names
            elif ALL_PROFILES in active:
                continue
            elif not set(names) & set(active):
                del services[name]
                self.builder.skip(f"service in profile {', '.join(names)} (not active)")
                self.skipped_services[name.lower()] = names

    def typing(self, name: str, service: dict[str, Any]) -> tuple[Typing, dict[str, Any]]:
        extension = service.get("x-archdraw")
        extension = extension if isinstance(extension, dict) else {}
        labels = service.get("labels") or {}
        chosen = extension.get("type") or labels.get(_OVERRIDE_LABEL)
        if isinstance(chosen, str) and chosen in self.builder.library.types:
            how = "x-archdraw" if extension.get("type") else f"label {_OVERRIDE_LABEL}"
            return Typing(chosen, how, "explicit"), dict(extension.get("props") or {})
        if chosen is not None:
            self.builder.unresolved(f"{self.where[name]}: unknown component type {chosen!r}")
        image = service.get("image")
        return type_of(self.mapping, image if isinstance(image, str) else None, name), dict(
            extension.get("props") or {}
        )

    def service(self, name: str, service: dict[str, Any], named_volumes: set[str]) -> None:
        builder, where = self.builder, self.where[name]
        typing, extra = self.typing(name, service)
        zone = self.zone(name, service)
        cid = builder.add_component(
            f"services.{name}", typing.type, name, where, typing.rule, typing.confidence, zone=zone
        )
        for host in (name, service.get("container_name"), service.get("hostname")):
            if isinstance(host, str):
                self.hosts[host.lower()] = cid
        for network in (service.get("networks") or {}).values():
            for alias in (network or {}).get("aliases", []) if isinstance(network, dict) else []:
                self.hosts[str(alias).lower()] = cid
        if typing.technology:
            builder.set_prop(cid, "technology", typing.technology, typing.confidence)
        for prop, value in extra.items():
            builder.set_prop(cid, str(prop), value)
        self.replicas(cid, service, where)
        self.storage(cid, service, named_volumes)
        self.entry(cid, service, where)
        if name in self.profile_only:
            shown = ", ".join(self.profile_only[name])
            builder.evidence(
                cid, f"started only with profile {shown} (imported: no profile was chosen)"
            )
        if "build" in service and "image" not in service:
            builder.evidence(cid, "built from source (no image to type it by)")

    def zone(self, name: str, service: dict[str, Any]) -> str | None:
        networks = list(service.get("networks") or {})
        self.networks[name] = set(networks) or {"default"}
        if not networks:
            return None
        first = networks[0]
        zone = self.builder.add_zone(
            f"network:{first}",
            first,
            "network",
            f"{self.where[name]}.networks",
            "network: a zone",
            "explicit",
        )
        return zone

    def replicas(self, cid: str, service: dict[str, Any], where: str) -> None:
        deploy = service.get("deploy") if isinstance(service.get("deploy"), dict) else {}
        stated = deploy.get("replicas") if deploy else None
        stated = service.get("scale") if stated is None else stated  # the older key
        replicas = _count(stated)
        if stated is not None and replicas is None:
            self.builder.unresolved(
                f"{where}: the replica count is not a whole number; the library default is kept"
            )
        if deploy and deploy.get("mode") == "global":
            self.builder.unknown(
                cid,
                "replicas",
                "deploy.mode global runs one per node; the node count is not in the file",
            )
        elif replicas is not None:
            self.builder.set_prop(cid, "replicas", replicas)
        else:
            self.builder.records[cid].properties["replicas"] = "defaulted"

    def storage(self, cid: str, service: dict[str, Any], named_volumes: set[str]) -> None:
        component = self.builder.components[cid]
        if "backups" not in self.builder.library.types[component.type].properties:
            return
        volumes = [v for v in service.get("volumes") or [] if isinstance(v, str | dict)]
        sources = [_volume_source(v) for v in volumes]
        kept = [n for n in sources if n in named_volumes]
        folders = [n for n in sources if n and n not in named_volumes and _is_host_path(n)]
        if kept:
            self.builder.evidence(cid, f"data persists in named volume {', '.join(kept)}")
            why = f"volume {kept[0]} keeps the data; no backup is in the file"
        elif folders:
            self.builder.evidence(cid, f"data persists in a host folder ({', '.join(folders)})")
            why = f"the host folder {folders[0]} keeps the data; no backup is in the file"
        else:
            why = "no volume: the data lives in the container and no backup is in the file"
        self.builder.unknown(cid, "backups", why)

    def entry(self, cid: str, service: dict[str, Any], where: str) -> None:
        published = [p for p in (_published(port) for port in service.get("ports") or []) if p]
        if not published:
            return
        builder = self.builder
        client = builder.client(where, "published ports: a client")
        builder.add_link(
            client,
            cid,
            "sync",
            f"{where}.ports",
            "published port",
            "explicit",
            evidence=f"ports {', '.join(published)}",
        )

    def wire(self, name: str, service: dict[str, Any]) -> None:
        builder, where = self.builder, self.where[name]
        cid = builder.id_of(f"services.{name}")
        assert cid is not None
        for other in service.get("depends_on") or {}:
            target = self.hosts.get(str(other).lower())
            if target:
                builder.depends(
                    cid, target, f"{where}.depends_on: start-up order, not a request path"
                )
        texts: list[tuple[str | None, str]] = [
            (str(k), v) for k, v in (service.get("environment") or {}).items() if isinstance(v, str)
        ]
        command = service.get("command")
        texts += [
            (None, c)
            for c in (command if isinstance(command, list) else [command])
            if isinstance(c, str)
        ]
        for variable, value in texts:
            for reference in host_references(value, variable):
                profiles = self.skipped_services.get(reference.host.lower())
                if profiles:
                    builder.unresolved(
                        f"{where}: {reference.describe()}, a service only in profile "
                        f"{', '.join(profiles)}, which is not active (not drawn)"
                    )
                    continue
                target = resolve(builder, self.hosts, reference, where)
                if target is None or target == cid:
                    continue
                other = next(
                    n
                    for n, i in ((n, builder.id_of(f"services.{n}")) for n in self.networks)
                    if i == target
                )
                if not self.networks[name] & self.networks[other]:
                    builder.unresolved(
                        f"{where}: {reference.describe()}, but they share no network"
                    )
                    continue
                link = link_by_reference(builder, cid, target, reference, f"{where}.environment")
                if link:
                    builder.evidence(
                        link,
                        "both on network "
                        + ", ".join(sorted(self.networks[name] & self.networks[other])),
                    )

    def proxy_routes(self, services: dict[str, dict[str, Any]]) -> None:
        """Traefik routes to the services whose labels give it a router (or enable it): the
        route is written in the file, as an Ingress backend is in a cluster."""
        builder = self.builder
        proxies = [
            name
            for name in services
            if builder.components[self.id(name)].props.get("technology") == "Traefik"
        ]
        for name, service in services.items():
            labels = {str(k): str(v) for k, v in (service.get("labels") or {}).items()}
            routers = sorted(k for k in labels if k.startswith(_TRAEFIK_ROUTERS))
            enabled = labels.get("traefik.enable", "").lower()
            if enabled == "false" or not (routers or enabled == "true"):
                continue
            said = routers[0] if routers else "traefik.enable=true"
            for proxy in proxies:
                if proxy != name and self.networks[proxy] & self.networks[name]:
                    builder.add_link(
                        self.id(proxy),
                        self.id(name),
                        "sync",
                        f"{self.where[name]}.labels",
                        "Traefik route label",
                        "explicit",
                        evidence=f"label {said}",
                    )

    def id(self, name: str) -> str:
        cid = self.builder.id_of(f"services.{name}")
        assert cid is not None
        return cid

    def link_aliases(self, service: dict[str, Any]) -> None:
        """The names the legacy `links: ["db:database"]` gives another service: its own
        configuration may call it by the alias."""
        for entry in service.get("links") or []:
            target, _, alias = str(entry).partition(":")
            cid = self.hosts.get(target.strip().lower())
            if alias.strip() and cid is not None:
                self.hosts.setdefault(alias.strip().lower(), cid)

    def shared_namespace(
        self, name: str, service: dict[str, Any], services: dict[str, dict[str, Any]]
    ) -> None:
        """`network_mode: service:vpn` (or `container:NAME`) runs in the other's network
        namespace: on its networks, in its zone."""
        mode = service.get("network_mode")
        if not isinstance(mode, str) or not mode.startswith(("service:", "container:")):
            return
        other = mode.split(":", 1)[1]
        peer = other if other in services else None
        for candidate, body in services.items():
            if peer is None and isinstance(body, dict) and body.get("container_name") == other:
                peer = candidate
        if peer is None or peer == name:
            return
        self.networks[name] = self.networks[peer]
        self.builder.components[self.id(name)].zone = self.builder.components[self.id(peer)].zone
        self.builder.evidence(self.id(name), f"network_mode {mode}: on the networks of {peer}")
