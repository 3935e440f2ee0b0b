#!/usr/bin/env bash
# Builds the arm64 appliance root filesystem: Debian 12 (minbase) + the edgepbx binary, its unit, its
# user and default settings, packed as edgepbx-rootfs-arm64.tar.gz for flashing tools to lay onto the
# board's SD card or eMMC. Runs as root on Debian x86-64 with debootstrap and qemu-user-static.
#   image/build-rootfs.sh artifacts/publish/linux-arm64 artifacts/image
set -euo pipefail
publish=${1:?folder with the published linux-arm64 edgepbx}
out=${2:?output folder}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

file "$publish/edgepbx" | grep -q "ARM aarch64" || { echo "$publish/edgepbx is not an arm64 binary" >&2; exit 1; }
debootstrap --arch=arm64 --variant=minbase --include=systemd,systemd-sysv,libgpiod2,ca-certificates,iproute2,openssh-server \
  bookworm "$root" "$mirror"

install -m 0755 "$publish/edgepbx" "$root/usr/bin/edgepbx"
# NativeAOT leaves the SQLite native library beside the executable when one is published.
for lib in "$publish"/*.so; do [ -e "$lib" ] && install -m 0644 "$lib" "$root/usr/bin/"; done
install -m 0644 "$here/systemd/edgepbx.service" "$root/etc/systemd/system/edgepbx.service"
install -m 0644 "$here/systemd/edgepbx.sysusers.conf" "$root/usr/lib/sysusers.d/edgepbx.conf"
install -d -m 0755 "$root/etc/edgepbx"
install -m 0640 "$here/examples/settings/edgepbx.json" "$root/etc/edgepbx/settings.json"
systemd-sysusers --root="$root"
# The web page saves settings by writing a new file beside this one and renaming it: the edgepbx group writes the folder.
chroot "$root" chgrp edgepbx /etc/edgepbx /etc/edgepbx/settings.json
chmod 0770 "$root/etc/edgepbx"
chmod 0660 "$root/etc/edgepbx/settings.json"
systemctl --root="$root" enable edgepbx.service
# Proves the binary starts against the image's own libc (qemu user emulation, no binfmt needed).
QEMU_LD_PREFIX="$root" qemu-aarch64-static "$root/usr/bin/edgepbx" version

mkdir -p "$out"
tar -C "$root" --numeric-owner -czf "$out/edgepbx-rootfs-arm64.tar.gz" .
ls -l "$out/edgepbx-rootfs-arm64.tar.gz"
