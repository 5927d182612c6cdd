#!/bin/sh
# Stands in for the `docker` CLI so that Jib writes the image tarball to a file instead of a Docker daemon.
# Quarkus' Jib extension, when it builds without pushing, runs `docker info` (to learn the platform) and then
# `docker load` with the image tarball (docker-save format) on stdin. Point it here with
#   -Dquarkus.jib.docker-executable-name=$PWD/deploy/image/docker-to-tar.sh
# and each image lands in $EVALPLANE_IMAGE_DIR (default: target/images under the directory Maven runs in), named after
# its tag: evalplane_trace-service_0.1.0-SNAPSHOT.tar. Load it anywhere with `docker load -i`, `podman load -i`,
# `ctr images import`, or push it with `skopeo copy docker-archive:FILE docker://REGISTRY/...`.
set -eu

case "${1:-}" in
  info)
    case "$(uname -m)" in
      aarch64|arm64) arch=arm64 ;;
      *) arch=x86_64 ;;
    esac
    printf '{"OSType":"linux","Architecture":"%s"}\n' "$arch"
    ;;
  load)
    dir="${EVALPLANE_IMAGE_DIR:-target/images}"
    mkdir -p "$dir"
    partial="$(mktemp "$dir/.image-XXXXXX")"
    cat > "$partial"
    tag="$(tar -xOf "$partial" manifest.json | sed -n 's/.*"[Rr]epo[Tt]ags":\["\([^"]*\)".*/\1/p')"
    name="$(printf '%s' "${tag:-image}" | tr '/:' '__')"
    chmod 644 "$partial"
    mv "$partial" "$dir/$name.tar"
    echo "Loaded image: ${tag:-image} (written to $dir/$name.tar)"
    ;;
  *)
    echo "docker-to-tar: '$*' is not supported; this stand-in only answers Jib's 'info' and 'load'" >&2
    exit 1
    ;;
esac
