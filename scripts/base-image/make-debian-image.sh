#!/usr/bin/env bash
# make-debian-image.sh OUTDIR
#
# The demo's base image: Debian bookworm from `debootstrap --variant=minbase` with systemd, OpenSSH,
# ifupdown + dhclient, sudo and the kernel (~330 MB qcow2, ~4 min to make, SSH ~25 s after qemu starts
# under TCG). No loop devices and no mounts: files are edited from the host, the initrd is regenerated
# with one `chroot update-initramfs` (MODULES=list needs no /proc), the disk written by `mkfs.ext4 -d`.
# Needs root (debootstrap, chroot). The mirror comes from this machine's apt configuration ($MIRROR).
#
# Writes into OUTDIR the same files as make-tiny-image.sh: disk.qcow2 (MBR + GRUB, boots on its own),
# vmlinuz, initrd.img, id_ed25519{,.pub}, image.json. The guest also authorizes, at boot, the keys in
# the fw_cfg file opt/imgbuild/authorized_keys. Work files go to OUTDIR/work, removed at the end.
set -euo pipefail

OUT=${1:?usage: $0 OUTDIR}
SUITE=${SUITE:-bookworm}
SIZE=${SIZE:-2G}
ROOT_PASSWORD=${ROOT_PASSWORD:-root}
# net.ifnames=0: the NIC is eth0 (the interfaces stanza below), not ens3 which would never come up.
APPEND='root=LABEL=imgroot rw console=ttyS0 net.ifnames=0'
[ "$(id -u)" = 0 ] || { echo "make-debian-image.sh must run as root (debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
. "$(dirname "$(readlink -f "$0")")/lib-disk.sh"
need_tools debootstrap:debootstrap mkfs.ext4:e2fsprogs qemu-img:qemu-utils sfdisk:fdisk \
  grub-mkimage:grub-pc-bin depmod:kmod ssh-keygen:openssh-client chpasswd:passwd
W=$OUT/work
R=$W/rootfs
rm -rf "$W"
mkdir -p "$W"

t0=$(ts)
MIRROR=$(mirror_from_apt)
[ -n "$MIRROR" ] || { echo "no Debian mirror in this machine's apt configuration; set MIRROR" >&2; exit 1; }
debootstrap --variant=minbase \
  --include=linux-image-amd64,openssh-server,systemd-sysv,ifupdown,isc-dhcp-client,sudo,iproute2,ca-certificates \
  "$SUITE" "$R" "$MIRROR" > "$W/debootstrap.log" 2>&1 \
  || { tail -20 "$W/debootstrap.log" >&2; exit 1; }
echo "debootstrap: $(el "$t0") s"

t0=$(ts)
KVER=$(ls "$R/lib/modules" | sort -V | tail -1)
echo imgbase > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\timgbase\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$R/etc/hosts"
# A label fits both the partition and direct kernel boot; fsck pass 0 keeps TCG boots short.
echo 'LABEL=imgroot / ext4 rw,errors=remount-ro 0 0' > "$R/etc/fstab"
# The guest's apt uses the same mirror as the host, plus updates and security (a provisioner may install).
cat > "$R/etc/apt/sources.list" <<CFG
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian*}/debian-security $SUITE-security main
CFG
cat > "$R/etc/network/interfaces" <<'CFG'
source /etc/network/interfaces.d/*
auto lo
iface lo inet loopback
allow-hotplug eth0
iface eth0 inet dhcp
CFG
# slirp's DNS may be slow or offline: sshd must not wait on reverse lookups.
cat > "$R/etc/ssh/sshd_config.d/10-imgbuild.conf" <<'CFG'
PermitRootLogin yes
PasswordAuthentication yes
UseDNS no
CFG
rm -f "$R"/etc/ssh/ssh_host_*
ssh-keygen -q -A -f "$R"
rm -f "$OUT/id_ed25519" "$OUT/id_ed25519.pub"
ssh-keygen -q -t ed25519 -N '' -C imgbuild-base-image -f "$OUT/id_ed25519"
install -d -m 700 "$R/root/.ssh"
install -m 600 "$OUT/id_ed25519.pub" "$R/root/.ssh/authorized_keys"
echo "root:$ROOT_PASSWORD" | chpasswd -R "$R"

# Keys handed over at boot through fw_cfg (like a cloud instance's key pair) are authorized for root.
cat > "$R/usr/local/sbin/imgbuild-fw-cfg-keys" <<'CFG'
#!/bin/sh
modprobe qemu_fw_cfg 2>/dev/null || true
keys=/sys/firmware/qemu_fw_cfg/by_name/opt/imgbuild/authorized_keys/raw
[ -r "$keys" ] || exit 0
install -d -m 700 /root/.ssh
touch /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys
while IFS= read -r k || [ -n "$k" ]; do
  [ -n "$k" ] && ! grep -qxF "$k" /root/.ssh/authorized_keys && echo "$k" >> /root/.ssh/authorized_keys
done < "$keys"
echo "imgbuild: authorized keys from fw_cfg"
CFG
chmod 755 "$R/usr/local/sbin/imgbuild-fw-cfg-keys"
cat > "$R/etc/systemd/system/imgbuild-fw-cfg-keys.service" <<'CFG'
[Unit]
Description=Authorize SSH keys handed over through qemu fw_cfg
Before=ssh.service
DefaultDependencies=no
After=local-fs.target

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/imgbuild-fw-cfg-keys
StandardOutput=journal+console

[Install]
WantedBy=multi-user.target
CFG
ln -sf /etc/systemd/system/imgbuild-fw-cfg-keys.service \
  "$R/etc/systemd/system/multi-user.target.wants/imgbuild-fw-cfg-keys.service"

# Nothing here needs the periodic jobs, and they would run during builds.
for u in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer; do
  ln -sf /dev/null "$R/etc/systemd/system/$u"
done

# A small initrd: only virtio disk/net/rng and ext4 (36 MB -> 7 MB).
echo 'MODULES=list' > "$R/etc/initramfs-tools/conf.d/imgbuild"
printf '%s\n' virtio_pci virtio_blk virtio_net virtio_scsi virtio_rng ext4 > "$R/etc/initramfs-tools/modules"
K=$R/lib/modules/$KVER/kernel
rm -rf "$K/sound" "$K/drivers/gpu" "$K/drivers/media" "$K/drivers/infiniband" \
  "$K/drivers/net/wireless" "$K/drivers/net/ethernet" "$K/drivers/iio" "$K/drivers/staging" \
  "$K/drivers/comedi" "$K/drivers/isdn" "$K/drivers/bluetooth" "$K/drivers/usb" \
  "$K/drivers/hwmon" "$K/drivers/net/can" "$K/drivers/net/usb" "$K/drivers/mtd" \
  "$K/net/wireless" "$K/net/mac80211" "$K/net/bluetooth"
depmod -b "$R" "$KVER"
chroot "$R" update-initramfs -u -k "$KVER" > "$W/update-initramfs.log" 2>&1 \
  || { cat "$W/update-initramfs.log" >&2; exit 1; }

rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/cache/apt/*.bin \
  "$R"/var/lib/apt/lists/*_Packages "$R"/var/log/*.log "$R"/tmp/*
rm -rf "$R"/usr/share/doc/* "$R"/usr/share/man/* "$R"/usr/share/locale/*
: > "$R/etc/machine-id"   # systemd makes a new one at first boot
cp "$R/boot/vmlinuz-$KVER" "$OUT/vmlinuz"
cp "$R/boot/initrd.img-$KVER" "$OUT/initrd.img"
echo "configure: $(el "$t0") s"

t0=$(ts)
mk_bootable_disk "$R" "$OUT/disk.qcow2" "$SIZE" imgroot "/boot/vmlinuz-$KVER" "/boot/initrd.img-$KVER" "$APPEND"
echo "bootable disk: $(el "$t0") s"
write_image_json "$OUT" root "$APPEND"
echo "root filesystem $(du -sh "$R" | cut -f1), disk.qcow2 $(du -h --apparent-size "$OUT/disk.qcow2" | cut -f1)"
[ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$W"
