#!/usr/bin/env bash
# make-tiny-image.sh OUTDIR
#
# The small, fast-booting base image most VM tests use (~20 MB, SSH ~10 s after qemu starts under TCG):
# Debian's kernel, busybox-static as init and shell, dropbear as sshd, OpenSSH's scp and sftp-server
# (file provisioners need one of them on the guest). A 2 MB initramfs loads the virtio, ext4 and fw_cfg
# modules and switches to the root filesystem. Everything comes from Debian packages fetched with
# `apt-get download` and unpacked with dpkg-deb: no root, no chroot, no loop devices.
#
# Writes into OUTDIR:
#   disk.qcow2          MBR + GRUB + ext4 labelled imgroot: boots on its own (or with -kernel/-initrd)
#   vmlinuz initrd.img  for direct kernel boot with the command line in image.json
#   id_ed25519{,.pub}   key authorized for root
#   image.json          {"user","append"}
# At boot the guest also authorizes the keys in the fw_cfg file opt/imgbuild/authorized_keys
# (qemu -fw_cfg name=opt/imgbuild/authorized_keys,string=... or file=...). tty1 runs a root shell so a
# test can type at the VGA console over VNC. Work files go to OUTDIR/work, removed at the end.
set -euo pipefail

OUT=${1:?usage: $0 OUTDIR}
SIZE=${SIZE:-1G}
ROOT_PASSWORD=${ROOT_PASSWORD:-root}
APPEND='root=LABEL=imgroot console=ttyS0'
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
. "$(dirname "$(readlink -f "$0")")/lib-disk.sh"
need_tools apt-get:apt dpkg-deb:dpkg mkfs.ext4:e2fsprogs qemu-img:qemu-utils sfdisk:fdisk \
  grub-mkimage:grub-pc-bin modprobe:kmod depmod:kmod ssh-keygen:openssh-client openssl:openssl
W=$OUT/work
DEBS=$W/debs EX=$W/extract R=$W/root I=$W/initramfs
rm -rf "$W"
mkdir -p "$DEBS" "$EX"

t0=$(ts)
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
[ -n "$KPKG" ] || { echo "apt-cache knows no linux-image-amd64 (run apt-get update)" >&2; exit 1; }
PKGS="busybox-static dropbear-bin libtomcrypt1 libtommath1 libgmp10 zlib1g libcrypt1 libc6"
PKGS="$PKGS openssh-client openssh-sftp-server $KPKG"
# shellcheck disable=SC2086 # word splitting of the package list is wanted
(cd "$DEBS" && apt-get download -q $PKGS 2>&1 | { grep -Ev '^(Get:|W: Download is performed unsandboxed)' || true; })
for p in $PKGS; do
  ls "$DEBS/${p}_"*.deb >/dev/null 2>&1 || { echo "could not download $p" >&2; exit 1; }
  dpkg-deb -x "$DEBS/${p}_"*.deb "$EX"
done
KVER=$(ls "$EX/lib/modules" | sort -V | tail -1)
echo "download + unpack: $(el "$t0") s"

# ---------------------------------------------------------------- root filesystem
t0=$(ts)
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,usr/lib/openssh,usr/libexec,lib64,lib/x86_64-linux-gnu} \
  "$R"/{etc/dropbear,etc/init.d,root/.ssh,proc,sys,dev,run,tmp,var/log,boot}
chmod 1777 "$R/tmp"
cp "$EX/bin/busybox" "$R/bin/busybox"
# Applet links made by hand: `busybox --install` run on the host would write into the host's /bin.
for a in $("$R/bin/busybox" --list-full); do
  [ -e "$R/$a" ] || ln -s /bin/busybox "$R/$a"
done
cp "$EX/usr/sbin/dropbear" "$R/usr/sbin/"
cp "$EX/usr/bin/scp" "$R/usr/bin/"
cp "$EX/usr/lib/openssh/sftp-server" "$R/usr/lib/openssh/"
# dropbear's compiled-in sftp-server path differs between versions
ln -sf /usr/lib/openssh/sftp-server "$R/usr/lib/sftp-server"
ln -sf /usr/lib/openssh/sftp-server "$R/usr/libexec/sftp-server"
cp -a "$EX/lib/x86_64-linux-gnu/." "$R/lib/x86_64-linux-gnu/" 2>/dev/null || true
cp -a "$EX/usr/lib/x86_64-linux-gnu/." "$R/lib/x86_64-linux-gnu/" 2>/dev/null || true
rm -rf "$R/lib/x86_64-linux-gnu/gconv" "$R/lib/x86_64-linux-gnu/audit"
ln -sf /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$R/lib64/ld-linux-x86-64.so.2"
# Every library must resolve inside the image: ldd alone would fall back to the host's copies.
for b in usr/sbin/dropbear usr/bin/scp usr/lib/openssh/sftp-server; do
  bad=$(LD_LIBRARY_PATH=$R/lib/x86_64-linux-gnu ldd "$R/$b" | awk -v r="$R/" '/=>/ && index($3, r) != 1 {print $1}')
  [ -z "$bad" ] || { echo "libraries of $b missing from the image: $bad" >&2; exit 1; }
done

cat > "$R/etc/passwd" <<'CFG'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
CFG
printf 'root:x:0:\nnogroup:x:65534:\n' > "$R/etc/group"
printf 'root:%s:19000:0:99999:7:::\n' "$(openssl passwd -6 "$ROOT_PASSWORD")" > "$R/etc/shadow"
chmod 600 "$R/etc/shadow"
echo /bin/sh > "$R/etc/shells"
echo imgtiny > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost imgtiny\n' > "$R/etc/hosts"
echo 'LABEL=imgroot / ext4 rw 0 0' > "$R/etc/fstab"
: > "$R/etc/resolv.conf"
echo 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin' > "$R/etc/profile"

# tty1 (the VGA console) gets a root shell so keystrokes typed over VNC have a visible effect.
cat > "$R/etc/inittab" <<'CFG'
::sysinit:/etc/init.d/rcS
ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100
tty1::respawn:-/bin/sh
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/sync
::shutdown:/bin/umount -a -r
CFG

cat > "$R/etc/init.d/rcS" <<'CFG'
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
[ -e /proc/self ] || mount -t proc proc /proc
[ -d /sys/kernel ] || mount -t sysfs sysfs /sys
[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620 devpts /dev/pts
mount -t tmpfs -o mode=755 tmpfs /run
mount -o remount,rw /
hostname -F /etc/hostname
echo "imgtiny: rcS at uptime $(cut -d' ' -f1 /proc/uptime)"
# Keys handed over at boot (like a cloud instance's key pair) are authorized for root.
keys=/sys/firmware/qemu_fw_cfg/by_name/opt/imgbuild/authorized_keys/raw
if [ -r "$keys" ]; then
  while IFS= read -r k || [ -n "$k" ]; do
    [ -n "$k" ] && ! grep -qxF "$k" /root/.ssh/authorized_keys && echo "$k" >> /root/.ssh/authorized_keys
  done < "$keys"
  echo "imgtiny: authorized keys from fw_cfg"
fi
ip link set lo up
ip link set eth0 up
udhcpc -i eth0 -s /etc/udhcpc.script -q -n -t 10 -T 1 >/dev/null 2>&1 \
  || { ip addr add 10.0.2.15/24 dev eth0; ip route add default via 10.0.2.2; echo 'nameserver 10.0.2.3' > /etc/resolv.conf; }
dropbear -r /etc/dropbear/dropbear_ed25519_host_key -r /etc/dropbear/dropbear_rsa_host_key -p 22
echo "imgtiny: sshd started at uptime $(cut -d' ' -f1 /proc/uptime)"
CFG
chmod 755 "$R/etc/init.d/rcS"

cat > "$R/etc/udhcpc.script" <<'CFG'
#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    : > /etc/resolv.conf; for d in $dns; do echo "nameserver $d" >> /etc/resolv.conf; done ;;
esac
exit 0
CFG
chmod 755 "$R/etc/udhcpc.script"

# Host keys made now with the unpacked dropbearkey: generating them at first boot costs seconds under TCG.
DBK=(env LD_LIBRARY_PATH="$R/lib/x86_64-linux-gnu" "$EX/usr/bin/dropbearkey")
"${DBK[@]}" -t ed25519 -f "$R/etc/dropbear/dropbear_ed25519_host_key" >/dev/null 2>&1
"${DBK[@]}" -t rsa -s 2048 -f "$R/etc/dropbear/dropbear_rsa_host_key" >/dev/null 2>&1
rm -f "$OUT/id_ed25519" "$OUT/id_ed25519.pub"
ssh-keygen -q -t ed25519 -N '' -C imgbuild-base-image -f "$OUT/id_ed25519"
chmod 700 "$R/root" "$R/root/.ssh"
install -m 600 "$OUT/id_ed25519.pub" "$R/root/.ssh/authorized_keys"
cp "$EX/boot/vmlinuz-$KVER" "$R/boot/vmlinuz"
cp "$EX/boot/vmlinuz-$KVER" "$OUT/vmlinuz"

# ---------------------------------------------------------------- initramfs
# Load order (dependencies and soft dependencies) comes from the host's kmod run against the image's
# kernel tree. virtio_rng: the crng initialises at once with -device virtio-rng-pci instead of after
# 10-17 s of an idle TCG guest; qemu_fw_cfg: the boot-time keys above.
[ -f "$EX/lib/modules/$KVER/modules.dep" ] || depmod -b "$EX" "$KVER"
mkdir -p "$I"/{bin,dev,proc,sys,newroot,lib/modules}
cp "$EX/bin/busybox" "$I/bin/busybox"
for m in virtio_pci virtio_blk virtio_net virtio_rng ext4 qemu_fw_cfg; do
  modprobe -d "$EX" -S "$KVER" --show-depends "$m" | awk '$1=="insmod"{print $2}'
done | awk '!seen[$0]++' > "$W/modules"
while read -r f; do
  cp "$f" "$I/lib/modules/"
  basename "$f" >> "$I/lib/modules/order"
done < "$W/modules"
grep -q '^qemu_fw_cfg' "$I/lib/modules/order" || { echo "kernel $KVER has no qemu_fw_cfg module" >&2; exit 1; }
cat > "$I/init" <<'CFG'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
# crc32c-intel fails without SSE4.2 under TCG's default CPU: harmless, the generic one is used.
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m 2>/dev/null; done
root=/dev/vda
for a in $(cat /proc/cmdline); do case $a in root=*) root=${a#root=};; esac; done
i=0
while :; do
  case $root in LABEL=*|UUID=*) dev=$(findfs "$root" 2>/dev/null);; *) dev=$root;; esac
  [ -n "$dev" ] && [ -b "$dev" ] && break
  i=$((i+1)); [ $i -gt 100 ] && { echo "initramfs: root $root not found"; exec sh; }
  sleep 0.1
done
mount -t ext4 -o rw "$dev" /newroot || { echo "initramfs: mount $dev failed"; exec sh; }
umount /proc /sys
mount --move /dev /newroot/dev
exec switch_root /newroot /sbin/init
CFG
chmod 755 "$I/init"
# busybox's cpio, so the host needs none
(cd "$I" && find . | "$EX/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -1) > "$OUT/initrd.img"
cp "$OUT/initrd.img" "$R/boot/initrd.img"
echo "root filesystem + initramfs: $(el "$t0") s"

t0=$(ts)
mk_bootable_disk "$R" "$OUT/disk.qcow2" "$SIZE" imgroot /boot/vmlinuz /boot/initrd.img "$APPEND"
echo "bootable disk: $(el "$t0") s"
write_image_json "$OUT" root "$APPEND"
echo "root filesystem $(du -sh "$R" | cut -f1), disk.qcow2 $(du -h --apparent-size "$OUT/disk.qcow2" | cut -f1)"
[ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$W"
