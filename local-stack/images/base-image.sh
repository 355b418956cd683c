#!/usr/bin/env bash
# Builds the LOCAL base image of the platform's container images, without Docker and without a registry:
# a Debian 12 (bookworm) root filesystem with the maintained Java 17 runtime of Debian
# (openjdk-17-jre-headless, security updates included), made by mmdebstrap from this machine's own apt sources,
# wrapped as a one-layer image tarball (docker-archive: manifest.json + config + layer) that Jib reads as a
# `tar://` base. The user `lowcode` (185:185) exists in it; documentation, man pages and locales are left out.
#
#   usage: base-image.sh OUTPUT.tar        (reuses OUTPUT.tar when it exists; IMAGES_REBUILD_BASE=1 rebuilds)
#
# Needs mmdebstrap (installed with apt-get when missing and running as root) and root, or user namespaces, for the
# chroot in which the packages' own scripts run. A release build does not use this: it names a registry base
# (-Dimages.base=..., see k8s/README.md "Images and the registry").
set -euo pipefail

out="${1:?usage: base-image.sh OUTPUT.tar}"
if [ -s "$out" ] && [ "${IMAGES_REBUILD_BASE:-}" != 1 ]; then
  echo "[base-image] reusing $out (IMAGES_REBUILD_BASE=1 rebuilds it)"
  exit 0
fi
if ! command -v mmdebstrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "[base-image] installing mmdebstrap"
    apt-get install -y -q mmdebstrap >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q mmdebstrap >/dev/null; }
  else
    echo "[base-image] mmdebstrap is missing: apt-get install mmdebstrap (as root)" >&2
    exit 1
  fi
fi

# This machine's apt sources (deb822 or one-line format), so that the image gets the same mirror and the security suite.
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || { echo "[base-image] no apt sources on this machine" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/lowcode-base-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

echo "[base-image] mmdebstrap bookworm + openjdk-17-jre-headless (a few minutes on the first run)"
mmdebstrap --quiet --variant=essential --mode=auto \
  --include=openjdk-17-jre-headless,ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='echo "lowcode:x:185:185:lowcode:/deployments:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "lowcode:x:185:" >> "$1/etc/group"' \
  --customize-hook='mkdir -p "$1/deployments" && chown 185:185 "$1/deployments"' \
  --customize-hook='chroot "$1" java -version 2>&1 | head -n 2 > "$1/etc/lowcode-jre-version"' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*.log "$1"/var/cache/ldconfig/aux-cache' \
  bookworm "$work/layer.tar" "${sources[@]}"

jre=$(tar -xOf "$work/layer.tar" ./etc/lowcode-jre-version | sed -n 's/.*Runtime Environment (build \(.*\))/\1/p')
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"185:185","WorkingDir":"/deployments",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8","HOME=/tmp"],
  "Labels":{"io.lowcode.base":"debian-bookworm-openjdk-17-jre-headless","io.lowcode.jre":"$jre"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"local-stack/images/base-image.sh: mmdebstrap bookworm openjdk-17-jre-headless ($jre)"}]}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mkdir -p "$work/archive/$diff_id"
mv "$work/layer.tar" "$work/archive/$diff_id/layer.tar"
mv "$work/config.json" "$work/archive/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["lowcode/jre17-base:bookworm"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_id" "$diff_id" > "$work/archive/manifest.json"
tar -C "$work/archive" -cf "$out.tmp" manifest.json "$config_id.json" "$diff_id/layer.tar"
mv "$out.tmp" "$out"
echo "[base-image] $out: Java runtime $jre, $(du -h "$out" | cut -f1)"
