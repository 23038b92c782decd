#!/usr/bin/env bash
# Docker smoke test of the real Dockerfile, for machines that cannot pull Microsoft's images (no registry access).
#
# It installs what it needs (docker.io, debootstrap), starts a Docker daemon when none runs, makes two local base
# images that stand in for mcr.microsoft.com/dotnet/sdk:10.0 and aspnet:10.0 (a debootstrapped Debian 12 plus this
# machine's .NET 10 install, the same user "app" / APP_UID 1654 and port variables as the official images), builds the
# repository's Dockerfile against them through its SDK_IMAGE / RUNTIME_IMAGE build arguments, and checks:
#   - the image runs as a non-root user, exposes 8080, declares the /app/data volume and a HEALTHCHECK;
#   - demo mode: /healthz 200, /readyz 200 (the embedded simulator answers with its token), the Overview page and its
#     static assets are served with their bodies, logs are compact JSON, the database lands in the data volume, and
#     Docker's own HEALTHCHECK turns "healthy";
#   - live mode configured only by a mounted secrets folder (key-per-file): /readyz 200 in "Live" mode;
#   - live mode without a token stops with exit code 1 and a log line naming OsviApi:ApiToken.
# Containers use host networking on 127.0.0.1 (no bridge). Everything it starts is removed at the end; the base images
# are kept for the next run (pass --purge to remove them too). Not part of tests/run.sh. Needs root (or sudo).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
purge=false
[ "${1:-}" = "--purge" ] && purge=true

base_image=osvi-smoke/debian:bookworm
sdk_image=osvi-smoke/dotnet-sdk:10.0
runtime_image=osvi-smoke/dotnet-aspnet:10.0
app_image=osvi-dashboard:smoke
port=18080
live_port=18081
work=$(mktemp -d /tmp/osvi-docker-smoke.XXXXXX)
dockerd_pid=""
containers=(osvi-smoke-demo osvi-smoke-live osvi-smoke-misconfigured)

log() { printf '\n== %s\n' "$*"; }
fail() { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

cleanup() {
  set +e
  for name in "${containers[@]}"; do docker rm -f "$name" >/dev/null 2>&1; done
  docker rmi -f "$app_image" >/dev/null 2>&1
  if $purge; then docker rmi -f "$runtime_image" "$sdk_image" "$base_image" >/dev/null 2>&1; fi
  if [ -n "$dockerd_pid" ]; then as_root kill "$dockerd_pid"; wait "$dockerd_pid" 2>/dev/null; fi
  as_root rm -rf "$work"
}
trap cleanup EXIT

log "tools"
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime_version=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)
echo "dotnet at $dotnet_root, ASP.NET Core runtime $runtime_version"

log "docker daemon"
if ! docker info >/dev/null 2>&1; then
  # No bridge and no iptables: containers share the host's network and talk over 127.0.0.1 only.
  if [ "$(id -u)" -eq 0 ]; then
    dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >"$work/dockerd.log" 2>&1 &
  else
    sudo dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >"$work/dockerd.log" 2>&1 &
  fi
  dockerd_pid=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { cat "$work/dockerd.log"; fail "dockerd did not start"; }
fi
docker version --format 'client {{.Client.Version}}, server {{.Server.Version}}'

log "base images (stand-ins for mcr.microsoft.com/dotnet/sdk:10.0 and aspnet:10.0)"
if ! docker image inspect "$base_image" >/dev/null 2>&1; then
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  # What the official images carry for .NET: CA certificates, ICU, OpenSSL, time zones.
  as_root debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,libgcc-s1,libstdc++6,zlib1g \
    bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap failed"; }
  as_root tar -C "$work/rootfs" -c . | docker import - "$base_image" >/dev/null
fi
if ! docker image inspect "$sdk_image" >/dev/null 2>&1; then
  # This machine reaches NuGet through a TLS-inspecting proxy whose root CA the host trusts (like a corporate build
  # agent): the stand-in SDK image trusts the same extra CAs, or restore fails with UntrustedRoot.
  mkdir -p "$work/sdk/extra-ca"
  cp /usr/local/share/ca-certificates/*.crt "$work/sdk/extra-ca/" 2>/dev/null || true
  cat >"$work/sdk/Dockerfile" <<EOF
FROM $base_image
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    NUGET_XMLDOC_MODE=skip DOTNET_RUNNING_IN_CONTAINER=true
EOF
  tar -C "$work/sdk" -c Dockerfile extra-ca -C "$(dirname "$dotnet_root")" --transform "s|^$(basename "$dotnet_root")|dotnet|" "$(basename "$dotnet_root")" |
    docker build -q -t "$sdk_image" - >/dev/null
fi
if ! docker image inspect "$runtime_image" >/dev/null 2>&1; then
  mkdir -p "$work/runtime/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/LICENSE.txt" "$work/runtime/dotnet/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$work/runtime/dotnet/shared/"
  cat >"$work/runtime/Dockerfile" <<EOF
FROM $base_image
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && echo 'app:x:1654:1654:app:/home/app:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'app:x:1654:' >> /etc/group && mkdir -p /home/app && chown 1654:1654 /home/app
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_ROOT=/usr/share/dotnet
EOF
  docker build -q -t "$runtime_image" "$work/runtime" >/dev/null
fi
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep osvi-smoke

log "docker build of the repository's Dockerfile"
# --network host: the restore step reaches the NuGet feed through the host's network.
docker build --network host --build-arg "SDK_IMAGE=$sdk_image" --build-arg "RUNTIME_IMAGE=$runtime_image" \
  -t "$app_image" -f "$root/Dockerfile" "$root" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "docker build failed"; }
tail -3 "$work/build.log"

log "image metadata"
user=$(docker image inspect -f '{{.Config.User}}' "$app_image")
ports=$(docker image inspect -f '{{json .Config.ExposedPorts}}' "$app_image")
volumes=$(docker image inspect -f '{{json .Config.Volumes}}' "$app_image")
health=$(docker image inspect -f '{{json .Config.Healthcheck.Test}}' "$app_image")
echo "user=$user ports=$ports volumes=$volumes healthcheck=$health"
[ "$user" = "1654" ] || fail "the image does not run as the non-root user 1654"
[[ "$ports" == *'"8080/tcp"'* ]] || fail "port 8080 is not exposed"
[[ "$volumes" == *'"/app/data"'* ]] || fail "/app/data is not a volume"
[[ "$health" == *"--healthcheck"* ]] || fail "no HEALTHCHECK"

wait_for() { # url expected-status seconds
  for _ in $(seq 1 "$3"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "$2" ] && return 0
    sleep 1
  done
  return 1
}

log "demo mode (no token): $app_image on 127.0.0.1:$port"
docker run -d --name osvi-smoke-demo --network host -e "ASPNETCORE_URLS=http://127.0.0.1:$port" \
  --health-interval 3s --health-start-period 5s "$app_image" >/dev/null
wait_for "http://127.0.0.1:$port/healthz" 200 60 || { docker logs osvi-smoke-demo | tail -20; fail "/healthz did not answer 200"; }
healthz=$(curl -s "http://127.0.0.1:$port/healthz"); echo "/healthz -> $healthz"
[[ "$healthz" == *'"status":"Healthy"'* ]] || fail "/healthz body"
wait_for "http://127.0.0.1:$port/readyz" 200 30 || { curl -s "http://127.0.0.1:$port/readyz"; fail "/readyz did not answer 200"; }
readyz=$(curl -s "http://127.0.0.1:$port/readyz"); echo "/readyz -> $readyz"
[[ "$readyz" == *'"mode":"Demo"'* && "$readyz" == *'"osvi":{"status":"Healthy"'* ]] || fail "/readyz is not ready in demo mode"
overview=$(curl -s "http://127.0.0.1:$port/")
[[ "$overview" == *"<title>OSVI Dashboard</title>"* && "$overview" == *"components-reconnect-modal"* ]] || fail "the Overview page shell"
css=$(grep -m1 -o 'app\.[a-z0-9]*\.css' <<<"$overview" || true)
[ -n "$css" ] || fail "the Overview page does not link app.css"
served_css=$(curl -s "http://127.0.0.1:$port/$css")
[ "$served_css" = "$(cat "$root/wwwroot/app.css")" ] || fail "/$css is not the repository's wwwroot/app.css"
blazor=$(grep -m1 -o -E '<script src="_framework/blazor\.web[^"]*"' <<<"$overview" | sed -E 's/.*src="([^"]*)"/\1/' || true)
[ -n "$blazor" ] || fail "the Overview page does not load blazor.web.js"
# Without this script the page never becomes interactive (a 404 page here is only a few KB).
[ "$(curl -s "http://127.0.0.1:$port/$blazor" | wc -c)" -gt 50000 ] || fail "/$blazor is not Blazor's script"
[ "$(curl -s "http://127.0.0.1:$port/_content/MudBlazor/MudBlazor.min.css" | wc -c)" -gt 10000 ] || fail "MudBlazor's CSS has no body"
echo "Overview page, /$css (same bytes as wwwroot/app.css), /$blazor and MudBlazor's CSS served"
for _ in $(seq 1 40); do [ "$(docker inspect -f '{{.State.Health.Status}}' osvi-smoke-demo)" = healthy ] && break; sleep 1; done
status=$(docker inspect -f '{{.State.Health.Status}}' osvi-smoke-demo); echo "docker HEALTHCHECK: $status"
[ "$status" = healthy ] || fail "docker's HEALTHCHECK did not report healthy"
[ "$(docker exec osvi-smoke-demo id -u)" = "1654" ] || fail "the process does not run as uid 1654"
docker exec osvi-smoke-demo test -s /app/data/osvi-dashboard.db || fail "the database is not in the data volume"
echo "process uid 1654; /app/data/osvi-dashboard.db present"
logs=$(docker logs osvi-smoke-demo 2>&1)
not_json=$(grep -v '^{' <<<"$logs" || true)
[ -z "$not_json" ] || fail "log lines that are not JSON: $(sed -n 1,3p <<<"$not_json")"
[[ "$(sed -n 1p <<<"$logs")" == '{"@t":'* ]] || fail "the dashboard's logs are not compact JSON"
[[ "$logs" == *"DEMO MODE"* ]] || fail "no demo-mode line in the logs"
[[ "$logs" != *"sim-primary-0001"* ]] || fail "the simulator token appears in the logs"
echo "logs: one JSON object per line, demo mode announced, no token"
simulator_url=$(grep -m1 -o 'embedded simulator at http://127\.0\.0\.1:[0-9]*/' <<<"$logs" | sed 's/.* at //' || true)
[ -n "$simulator_url" ] || fail "the embedded simulator's address is not in the logs"

log "live mode configured by a secrets folder (key-per-file), against the demo container's simulator at $simulator_url"
mkdir -p "$work/secrets"
printf 'sim-primary-0001\n' >"$work/secrets/OsviApi__ApiToken"
printf '%s' "$simulator_url" >"$work/secrets/OsviApi__BaseUrl"
chmod 644 "$work/secrets/"*
docker run -d --name osvi-smoke-live --network host -e "ASPNETCORE_URLS=http://127.0.0.1:$live_port" \
  -v "$work/secrets:/run/secrets:ro" "$app_image" >/dev/null
wait_for "http://127.0.0.1:$live_port/readyz" 200 60 || { docker logs osvi-smoke-live | tail -20; fail "live /readyz did not answer 200"; }
live=$(curl -s "http://127.0.0.1:$live_port/readyz"); echo "/readyz -> $live"
[[ "$live" == *'"mode":"Live"'* ]] || fail "the secrets folder did not select live mode"
[[ "$(docker logs osvi-smoke-live 2>&1)" != *"sim-primary-0001"* ]] || fail "the token from the secret file appears in the logs"

log "live mode without a token stops with a clear message"
timeout 120 docker run --name osvi-smoke-misconfigured --network host -e "ASPNETCORE_URLS=http://127.0.0.1:18082" \
  -e Dashboard__Mode=Live "$app_image" >"$work/misconfigured.log" 2>&1 && fail "the container started without a token" || code=$?
echo "exit code $code"
[ "$code" = 1 ] || fail "expected exit code 1, got $code"
grep -q 'OsviApi:ApiToken is required' "$work/misconfigured.log" || { cat "$work/misconfigured.log"; fail "no log line names OsviApi:ApiToken"; }
grep -m1 -o 'Invalid configuration, the dashboard cannot start: [^}]*ApiToken is required[^.]*' "$work/misconfigured.log" || true

log "docker smoke test passed"
