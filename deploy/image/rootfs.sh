#!/bin/sh
# Lays out the root file system of the wirewatch image in OUT_DIR, from a
# static wirewatch binary and the repository's config/:
#
#   /wirewatch                           the binary (the entrypoint)
#   /etc/wirewatch/                      rules/, gazetteer/, codes.toml, wirewatch.toml
#   /etc/ssl/certs/ca-certificates.crt   CA bundle for SASL_SSL / SSL brokers
#   /etc/passwd, /etc/group              uid/gid 65532 "nonroot" (as distroless)
#   /tmp                                 empty, 1777 (mount a tmpfs/emptyDir over it)
#
# Used by both deploy/Dockerfile (builder stage) and deploy/image/build.sh
# (buildah), so both images hold the same files. POSIX sh: the Dockerfile's
# builder runs it too.
#   deploy/image/rootfs.sh BINARY OUT_DIR [CA_BUNDLE]
set -eu

bin=${1:?usage: rootfs.sh BINARY OUT_DIR [CA_BUNDLE]}
out=${2:?usage: rootfs.sh BINARY OUT_DIR [CA_BUNDLE]}
ca=${3:-/etc/ssl/certs/ca-certificates.crt}
repo=$(cd "$(dirname "$0")/../.." && pwd -P)

[ -x "$bin" ] || { echo "rootfs.sh: no executable $bin" >&2; exit 1; }
[ -s "$ca" ] || { echo "rootfs.sh: no CA bundle at $ca (Debian: apt-get install ca-certificates)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/etc/wirewatch" "$out/etc/ssl/certs" "$out/tmp"
install -m 0755 "$bin" "$out/wirewatch"
cp -R "$repo/config/rules" "$repo/config/gazetteer" "$out/etc/wirewatch/"
cp "$repo/config/codes.toml" "$repo/config/wirewatch.toml" "$out/etc/wirewatch/"
install -m 0644 "$ca" "$out/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/nonexistent:/sbin/nologin\n' >"$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$out/etc/group"
# Everything readable by the non-root user, nothing writable but /tmp.
chmod -R u=rwX,go=rX "$out/etc"
chmod 1777 "$out/tmp"
