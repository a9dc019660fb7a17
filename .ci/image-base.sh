#!/usr/bin/env bash
# Makes, on a machine that cannot pull it, the base image the Dockerfile's first FROM names
# (node:20-bookworm-slim): a Debian minbase made with debootstrap, the machine's own Node and
# npm in /usr/local like the official image, and a uid/gid 1000 `node` user with home
# /home/node. It is imported into podman's vfs storage under that name, so the Dockerfile
# builds unchanged here and on a real Docker engine with the real image.
# The debootstrap tree is cached outside the repository (TRIBUTARY_IMAGE_CACHE) and reused
# while valid; the import is skipped while the stored base matches this machine's Node.
# Needs root, debootstrap and podman. The Debian mirror is read from the machine's apt sources.
set -euo pipefail
self="$(readlink -f "$0")"
cd "$(dirname "$self")/.."

podman() { command podman --storage-driver vfs "$@"; }

cache_root="${TRIBUTARY_IMAGE_CACHE:-/var/cache/tributary-image}"
base_tag="$(awk 'toupper($1) == "FROM" { print $2; exit }' Dockerfile)"
case "$base_tag" in
  node:*-*) ;;
  *) echo "image-base: the Dockerfile's first FROM must be node:<major>-<suite>[-slim], but got: $base_tag" >&2; exit 1 ;;
esac
node_major="${base_tag#node:}"; node_major="${node_major%%-*}"
suite="${base_tag#node:*-}"; suite="${suite%-slim}"
host_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$host_major" != "$node_major" ]; then
  echo "image-base: $base_tag needs Node $node_major, but this machine has Node $(node -v); install Node $node_major" >&2
  exit 1
fi

# The first apt source that serves $suite, in deb822 (*.sources) or one-line (*.list) form.
debian_mirror() {
  local files=(/etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  local file
  for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    case "$file" in
      *.sources)
        awk -v suite="$1" '
          BEGIN { RS = ""; FS = "\n" }
          {
            uri = ""; deb = 0; has = 0
            for (i = 1; i <= NF; i++) {
              if ($i ~ /^Types:/ && $i ~ /[ \t]deb([ \t]|$)/) deb = 1
              if ($i ~ /^URIs:/) { split($i, u, /[ \t]+/); uri = u[2] }
              if ($i ~ /^Suites:/) { n = split($i, s, /[ \t]+/); for (j = 2; j <= n; j++) if (s[j] == suite) has = 1 }
            }
            if (deb && has && uri != "") { print uri; exit }
          }' "$file" ;;
      *)
        awk -v suite="$1" '$1 == "deb" { sub(/\[[^]]*\][ \t]*/, ""); if ($3 == suite) { print $2; exit } }' "$file" ;;
    esac
  done | head -n 1
}

tree="$cache_root/$suite-minbase"
if [ ! -f "$tree/.tributary-ok" ] || [ ! -x "$tree/bin/sh" ]; then
  mirror="$(debian_mirror "$suite")"
  if [ -z "$mirror" ]; then
    echo "image-base: no apt source for $suite in /etc/apt/sources.list{,.d}; cannot run debootstrap" >&2
    exit 1
  fi
  echo "image-base: debootstrap --variant=minbase $suite from the machine's apt mirror into $tree"
  rm -rf "$tree" && mkdir -p "$cache_root"
  debootstrap --variant=minbase "$suite" "$tree" "$mirror" >"$cache_root/debootstrap.log" 2>&1 || {
    tail -n 30 "$cache_root/debootstrap.log" >&2; exit 1; }
  # Slim like Debian's -slim images: no package lists, caches, docs, manuals or locales.
  rm -rf "$tree"/var/lib/apt/lists/* "$tree"/var/cache/apt/* "$tree"/var/cache/debconf/*-old \
    "$tree"/usr/share/doc/* "$tree"/usr/share/man/* "$tree"/usr/share/info/* "$tree"/usr/share/locale/* \
    "$tree"/var/log/*.log "$tree"/var/log/apt/*
  date -u +%FT%TZ >"$tree/.tributary-ok"
fi

node_bin="$(command -v node)"
npm_dir="$(npm root -g)/npm"
node_version="$(node -v)"
fingerprint="$(cat "$tree/.tributary-ok" "$self" | sha256sum | cut -c1-16)-$node_version-$(npm -v)"
if [ "$(podman image inspect --format '{{index .Labels "org.tributary.base"}}' "$base_tag" 2>/dev/null)" = "$fingerprint" ]; then
  echo "image-base: $base_tag is current ($fingerprint)"
  exit 0
fi

work="$(mktemp -d "$cache_root/assemble.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -a "$tree/." "$work/"
# The host's name and resolver are the runtime's to provide, as on any container engine.
rm -f "$work/.tributary-ok" "$work/etc/hostname" "$work/etc/resolv.conf"
# Node and npm where the official image has them.
install -D -m 0755 "$node_bin" "$work/usr/local/bin/node"
if command -v strip >/dev/null 2>&1; then strip --strip-debug "$work/usr/local/bin/node"; fi
mkdir -p "$work/usr/local/lib/node_modules"
cp -a "$npm_dir" "$work/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/usr/local/bin/npx"
chroot "$work" /usr/sbin/groupadd --gid 1000 node
chroot "$work" /usr/sbin/useradd --uid 1000 --gid node --shell /bin/bash --create-home node
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$work" /usr/local/bin/node -e 'process.exit(0)' || {
  echo "image-base: the machine's Node does not run on the $suite base (libraries?)" >&2; exit 1; }

echo "image-base: importing $base_tag (Node $node_version)"
podman rmi --force "$base_tag" >/dev/null 2>&1 || true
tar -C "$work" --numeric-owner -cf - . | podman import --quiet \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=${node_version#v}" \
  --change "LABEL org.tributary.base=$fingerprint" \
  --change 'CMD ["node"]' \
  - "$base_tag" >/dev/null
echo "image-base: $base_tag ready ($(podman image inspect --format '{{.Size}}' "$base_tag") bytes)"
