#!/usr/bin/env bash
# Checks deploy/docker-compose.yml where no Docker engine runs (CI, the local cluster's machines):
#   1. docker-compose (Debian's 1.29 package) parses, validates and resolves it (`config -q`), alone
#      and with its faulty links (deploy/docker-compose.links.yml, FAULTY_LINKS=1);
#   2. so does Docker Compose v2 (`docker compose config -q`), where that plugin is installed;
#   3. every file it mounts or builds from is in the repository: bind mounts, the init SQL files in
#      the mounted init folder, the edge's and ops proxy's nginx files, build contexts, Dockerfiles
#      (each choice of APP_DOCKERFILE) and their .dockerignore, the MODULE each build names, and a
#      COPY line in the Maven-building Dockerfile for every module pom of the reactor;
#   4. it stays scalable: no service built here has a container_name or a host port (but the console,
#      which runs once), and every
#      service waited on as service_healthy has a health check;
#   5. every third-party image comes from a variable whose default is the official image
#      (deploy/docker/images.sh swaps in local stand-ins through them), each image built here is
#      named dualpay-<service>:${APP_IMAGE_TAG:-latest}, and the edge keeps its /internal and
#      actuator filter.
# Nothing here starts a container. Exit status 0 and a last line "compose-check: OK ..." when all
# holds; otherwise each problem on its own line and a non-zero exit status.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
FILE=deploy/docker-compose.yml
LINKS=deploy/docker-compose.links.yml

say() { echo "compose-check: $*" >&2; }

# The stack's secrets are required variables (deploy/docker/secrets.sh generates them for a real
# stack); placeholders stand in for them here, where nothing starts.
for secret in MYSQL_ROOT_PASSWORD MYSQL_PASSWORD SERVICE_KEY SHOPPER_KEY OPERATOR_PASSWORD WECHAT_APIV3_KEY \
  WECHAT_PLATFORM_PRIVATE_KEY WECHAT_PLATFORM_PUBLIC_KEY ALIPAY_PLATFORM_PRIVATE_KEY ALIPAY_PLATFORM_PUBLIC_KEY \
  WECHAT_MERCHANT_PRIVATE_KEY WECHAT_MERCHANT_PUBLIC_KEY ALIPAY_MERCHANT_PRIVATE_KEY ALIPAY_MERCHANT_PUBLIC_KEY \
  SEATA_CONSOLE_PASSWORD SEATA_SECRET_KEY; do
  export "$secret=${!secret:-compose-check-placeholder}"
done

install_debian_package() { # install_debian_package <package> <what for>
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $1 ($2)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    say "$2 is missing: install it with 'sudo apt-get install -y $1' and run this again"
    exit 2
  fi
}

[ -f "$FILE" ] || { say "$FILE is missing"; exit 1; }
command -v docker-compose >/dev/null 2>&1 || install_debian_package docker-compose docker-compose
python3 -c 'import yaml' 2>/dev/null || install_debian_package python3-yaml "python3's yaml module"

# 1 and 2: the Compose implementations' own validation (schema, interpolation, merge keys, depends_on).
v1=$(docker-compose version --short 2>/dev/null || echo '?')
for files in "-f $FILE" "-f $FILE -f $LINKS"; do
  # shellcheck disable=SC2086
  if ! docker-compose $files config -q; then
    say "docker-compose $v1 rejects $files"
    exit 1
  fi
done
checked="docker-compose $v1"
if docker compose version >/dev/null 2>&1; then
  v2=$(docker compose version --short 2>/dev/null || echo '?')
  for files in "-f $FILE" "-f $FILE -f $LINKS"; do
    # shellcheck disable=SC2086
    if ! docker compose $files config -q; then
      say "docker compose $v2 rejects $files"
      exit 1
    fi
  done
  checked="$checked and docker compose $v2"
else
  checked="$checked (docker compose v2 plugin not installed, skipped)"
fi

# 3 and 4: what the file points at, read from the file itself.
python3 - "$checked" "$FILE" "$LINKS" <<'PY'
import os, re, sys, yaml

checked, compose_files = sys.argv[1], sys.argv[2:]
compose_file = " and ".join(compose_files)
root = os.getcwd()
base = os.path.dirname(os.path.abspath(compose_files[0]))   # relative paths in the files start here
files_services = []   # (file, its services): an override file names a service again with what it adds
for path in compose_files:
    with open(path) as f:
        files_services.append((path, (yaml.safe_load(f) or {}).get("services") or {}))
services = {}
for _, file_services in files_services:
    for name, svc in file_services.items():
        services.setdefault(name, {}).update(svc or {})

# Files that must be inside a mounted folder, not only the folder itself.
inside_mounts = {
    "deploy/mysql/init": ["01-databases.sql", "02-seata-server.sql"],
    "deploy/docker/edge": ["default.conf", "public.locations"],
    "deploy/docker/ops": ["default.conf"],
    "deploy/metrics/dashboards": ["dualpay.json"],
    "deploy/metrics/grafana/datasources": ["prometheus.yml"],
    "deploy/metrics/grafana/dashboards": ["dualpay.yml"],
}

# ${VAR:-default} in a path: every value it may take here (the default, the environment's, and
# the known alternatives), so that each is checked.
alternatives = {"APP_DOCKERFILE": ["Dockerfile", "Dockerfile.prebuilt"]}

def expand(value):
    m = re.search(r"\$\{(\w+)(?::?-([^}]*))?\}", value)
    if not m:
        return [value]
    name, default = m.group(1), m.group(2) or ""
    choices = [default] + alternatives.get(name, []) + ([os.environ[name]] if name in os.environ else [])
    out = []
    for choice in dict.fromkeys(choices):
        out += expand(value[:m.start()] + choice + value[m.end():])
    return out

# The official image behind each image variable (the variable's default must be it).
official_images = {
    "MYSQL_IMAGE": "mysql:8.0",
    "NACOS_IMAGE": "nacos/nacos-server:v2.3.2",
    "SEATA_IMAGE": "seataio/seata-server:2.0.0",
    "NGINX_IMAGE": "nginx:1.26-alpine",
    "RUNTIME_IMAGE": "eclipse-temurin:17-jre",
    "MAVEN_IMAGE": "maven:3.9-eclipse-temurin-17",
    "TOXIPROXY_IMAGE": "ghcr.io/shopify/toxiproxy:2.5.0",
    "PROMETHEUS_IMAGE": "prom/prometheus:v2.42.0",
    "GRAFANA_IMAGE": "grafana/grafana:10.4.2",
    "ZIPKIN_IMAGE": "openzipkin/zipkin:3.4.4",
}

problems = []

def rel(path):
    return os.path.relpath(path, root)

def need(path, why):
    if not os.path.exists(path):
        problems.append("missing %s (%s)" % (rel(path), why))
        return False
    return True

def root_pom_modules():
    # the reactor's own modules; those of a profile (bench) are no part of an image's build
    with open(os.path.join(root, "pom.xml")) as f:
        return re.findall(r"<module>\s*([^<\s]+)\s*</module>", f.read().split("<profiles>")[0])

modules = root_pom_modules()
dockerfiles_checked = set()

for compose_path, file_services in files_services:
    for name, svc in file_services.items():
        svc = svc or {}

        for vol in svc.get("volumes") or []:
            if isinstance(vol, dict):
                source = vol.get("source") if vol.get("type") == "bind" else None
            else:
                source = str(vol).split(":")[0]
                if not source.startswith((".", "/", "~")):
                    source = None                       # a named volume
            if source is None:
                continue
            path = os.path.normpath(os.path.join(base, os.path.expanduser(source)))
            if need(path, "mounted by %s" % name) and os.path.isdir(path):
                for inner in inside_mounts.get(rel(path), []):
                    need(os.path.join(path, inner), "expected in the folder %s mounts" % name)

        for env_file in ([svc["env_file"]] if isinstance(svc.get("env_file"), str) else svc.get("env_file") or []):
            need(os.path.normpath(os.path.join(base, env_file)), "env_file of %s" % name)

        image = svc.get("image")
        if image is not None and svc.get("build") is not None:
            # the project's own images: built here, named once for every compose project
            if not re.fullmatch(r"dualpay-%s:\$\{APP_IMAGE_TAG:-latest\}" % re.escape(name), str(image)):
                problems.append("%s: built image named %s, not dualpay-%s:${APP_IMAGE_TAG:-latest}" % (name, image, name))
        elif image is not None:
            m = re.fullmatch(r"\$\{(\w+):-([^}]+)\}", str(image))
            if not m or official_images.get(m.group(1)) != m.group(2):
                problems.append("%s: image %s is not ${<NAME>_IMAGE:-<official image>} (one of %s)"
                                % (name, image, ", ".join("%s=%s" % kv for kv in official_images.items())))

        build = svc.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = os.path.normpath(os.path.join(base, build.get("context", ".")))
        if not need(context, "build context of %s" % name):
            continue
        for dockerfile in expand(build.get("dockerfile", "Dockerfile")):
            dockerfile = os.path.normpath(os.path.join(context, dockerfile))
            # Each Dockerfile once: its ignore file, and, where it builds with Maven, a COPY line for
            # every module pom of the reactor.
            if dockerfile in dockerfiles_checked or not need(dockerfile, "Dockerfile of %s" % name):
                continue
            dockerfiles_checked.add(dockerfile)
            need(dockerfile + ".dockerignore", "build-context filter beside %s" % rel(dockerfile))
            with open(dockerfile) as f:
                text = f.read()
            if not re.search(r"^RUN\b.*\bmvn\b", text, re.M):
                continue
            for module in modules:
                if not re.search(r"^COPY\s+%s/pom\.xml\s" % re.escape(module), text, re.M):
                    problems.append("%s does not COPY %s/pom.xml, which the reactor (pom.xml) lists"
                                    % (rel(dockerfile), module))
        args = build.get("args") or {}
        if isinstance(args, list):
            args = dict(a.split("=", 1) for a in args if "=" in a)
        module = args.get("MODULE")
        if module:
            need(os.path.join(context, module, "pom.xml"), "MODULE of %s" % name)
            if module not in modules:
                problems.append("MODULE %s of %s is not a module of the reactor (pom.xml)" % (module, name))

        # Scaling: `docker compose up --scale <service>=N` must work for every service built here, but
        # the operator's console, which runs once (its sessions live in its memory) and owns its host port.
        if name == "console":
            continue
        if "container_name" in svc:
            problems.append("%s has a container_name, so it cannot be scaled" % name)
        if svc.get("ports"):
            problems.append("%s publishes host ports, so a second replica would collide" % name)

for name, svc in services.items():
    depends = (svc or {}).get("depends_on") or {}
    if isinstance(depends, dict):
        for target, spec in depends.items():
            if (spec or {}).get("condition") == "service_healthy" and not (services.get(target) or {}).get("healthcheck"):
                problems.append("%s waits for %s to be healthy, but %s has no healthcheck" % (name, target, target))

# The edge never forwards /internal/** nor actuator paths other than /actuator/health.
edge_rules = os.path.join(root, "deploy/docker/edge/public.locations")
if os.path.exists(edge_rules):
    with open(edge_rules) as f:
        rules = f.read()
    if 'location ~* "(;|^/(internal|actuator)(/|$))"' not in rules or "location = /actuator/health" not in rules:
        problems.append("deploy/docker/edge/public.locations lost its /internal and actuator filter")

if problems:
    for p in problems:
        print("compose-check: " + p, file=sys.stderr)
    print("compose-check: FAILED: %d problem(s) in %s" % (len(problems), compose_file), file=sys.stderr)
    sys.exit(1)
print("compose-check: OK: %s valid for %s; %d services, every mounted and built file present"
      % (compose_file, checked, len(services)))
PY
