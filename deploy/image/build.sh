#!/usr/bin/env bash
# Builds the wirewatch container image without a Docker engine:
#   1. the fully static (musl, static-pie) worker binary on the host:
#        cargo build --profile image --target x86_64-unknown-linux-musl \
#          --no-default-features --features static-image
#      (OpenSSL from source, no GSSAPI; see Cargo.toml [features]);
#   2. the image's root file system (deploy/image/rootfs.sh): the binary, the
#      config baked at /etc/wirewatch, the CA bundle, /etc/passwd for 65532;
#   3. the image, with buildah from deploy/image/Containerfile (FROM scratch;
#      the final stage of deploy/Dockerfile), tagged wirewatch:local in the
#      root container storage with the vfs driver (podman sees it there).
# Prints the binary and image sizes. Idempotent: installs what is missing
# (Debian musl-tools, buildah, podman, runc, ca-certificates; the rustup musl
# target) on first use. Used by deploy/image/test.sh. See deploy/README.md.
#
# Environment: WIREWATCH_IMAGE (default wirewatch:local); WIREWATCH_IMAGE_TARGET_DIR,
# the cargo target dir of the static build (default ~/.cache/wirewatch/image-target,
# outside the clone, so a machine that built it once, a CI runner among them,
# rebuilds only what changed: a cold build compiles OpenSSL and librdkafka
# from source, several minutes on two cores).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$REPO"

IMAGE="${WIREWATCH_IMAGE:-wirewatch:local}"
TARGET=x86_64-unknown-linux-musl
PROFILE=image
export CARGO_TARGET_DIR="${WIREWATCH_IMAGE_TARGET_DIR:-$HOME/.cache/wirewatch/image-target}"
mkdir -p "$CARGO_TARGET_DIR"
BIN="$CARGO_TARGET_DIR/$TARGET/$PROFILE/wirewatch"
CONTEXT="$CARGO_TARGET_DIR/$TARGET/image-context"
# vfs + chroot: work inside an unprivileged container or a plain VM, no
# overlayfs or user namespaces needed. podman must use the same driver.
STORAGE=(--storage-driver vfs)

say() { printf 'image/build.sh: %s\n' "$*"; }
die() { printf 'image/build.sh: error: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ install
need=()
for pkg in musl-tools buildah podman runc ca-certificates binutils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  say "installing: ${need[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${need[*]} and not root; install them yourself"
    SUDO=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  say "adding the rustup target $TARGET"
  rustup target add "$TARGET" >/dev/null || die "rustup target add $TARGET failed"
fi

# ------------------------------------------------------------------ binary
t0=$SECONDS
say "cargo build --profile $PROFILE --target $TARGET --no-default-features --features static-image"
cargo build --locked --quiet --profile "$PROFILE" --target "$TARGET" \
  --no-default-features --features static-image --bin wirewatch
t_cargo=$((SECONDS - t0))
# Fully static: no program interpreter, no shared libraries.
if readelf -lW "$BIN" | grep -q 'Requesting program interpreter' \
   || readelf -dW "$BIN" | grep -q '(NEEDED)'; then
  readelf -dW "$BIN" | grep NEEDED >&2 || true
  die "$BIN is not fully static"
fi

# ------------------------------------------------------------------ image
t1=$SECONDS
deploy/image/rootfs.sh "$BIN" "$CONTEXT/rootfs"
old_id="$(buildah "${STORAGE[@]}" images --quiet --noheading "$IMAGE" 2>/dev/null | head -n 1 || true)"
buildah "${STORAGE[@]}" bud --quiet --isolation chroot --layers=false \
  -f deploy/image/Containerfile -t "$IMAGE" "$CONTEXT" >/dev/null \
  || die "buildah bud failed"
new_id="$(buildah "${STORAGE[@]}" images --quiet --noheading "$IMAGE" | head -n 1)"
# vfs keeps a full copy per image: drop the one this build replaced.
if [[ -n $old_id && $old_id != "$new_id" ]]; then
  buildah "${STORAGE[@]}" rmi "$old_id" >/dev/null 2>&1 || true
fi
t_image=$((SECONDS - t1))

bin_bytes=$(stat -c %s "$BIN")
img_bytes=$(podman "${STORAGE[@]}" image inspect --format '{{.Size}}' "$IMAGE")
say "built $IMAGE (${new_id:0:12}): image $((img_bytes / 1024 / 1024)) MiB ($img_bytes bytes), binary $((bin_bytes / 1024 / 1024)) MiB; cargo ${t_cargo} s, image ${t_image} s"
