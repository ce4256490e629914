# lib-disk.sh - helpers shared by make-tiny-image.sh and make-debian-image.sh (sourced, not run).
# No loop devices and no mounts: filesystems are written with `mkfs.ext4 -d`, GRUB without grub-install,
# so the scripts work in containers.

ts() { date +%s.%N; }
el() { awk -v a="$1" -v b="$(ts)" 'BEGIN{printf "%.1f", b-a}'; }

# Prints the Debian mirror URI from this machine's apt configuration (deb822 or one-line format), so no
# host name is ever written into the recipe. $MIRROR overrides it.
mirror_from_apt() {
  local f u
  if [ -n "${MIRROR:-}" ]; then echo "$MIRROR"; return; fi
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    u=$(awk '/^URIs:/{for(i=2;i<=NF;i++) if ($i ~ /\/debian\/?$/) {print $i; exit}}' "$f")
    [ -n "$u" ] && { echo "$u"; return; }
  done
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list; do
    [ -f "$f" ] || continue
    u=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^https?:.*\/debian\/?$/) {print $i; exit}}' "$f")
    [ -n "$u" ] && { echo "$u"; return; }
  done
}

# need_tools TOOL... - fails naming every missing host program and the package that has it.
need_tools() {
  local t missing=
  for t in "$@"; do command -v "${t%%:*}" >/dev/null 2>&1 || missing="$missing ${t%%:*} (package ${t#*:})"; done
  [ -z "$missing" ] || { echo "missing host programs:$missing" >&2; return 1; }
}

# mk_bootable_disk ROOTFS OUT.qcow2 SIZE LABEL KERNEL INITRD APPEND
# MBR + one ext4 partition at 1 MiB + GRUB i386-pc in the gap before it: the disk boots on its own (the
# output of a build must too). KERNEL and INITRD are paths inside ROOTFS. The same disk also boots with
# -kernel/-initrd because root= names the filesystem label, not a device.
mk_bootable_disk() {
  local rootfs=$1 out=$2 size=$3 label=$4 kernel=$5 initrd=$6 append=$7
  local raw=${2%.qcow2}.raw grubdir=/usr/lib/grub/i386-pc off=$((1024 * 1024)) bytes core
  [ -f "$grubdir/boot.img" ] || { echo "a bootable disk needs grub-pc-bin on the host" >&2; return 1; }
  rm -f "$raw" "$out"
  mkdir -p "$rootfs/boot/grub"
  cat > "$rootfs/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
menuentry 'imgbuild base image' {
  search --no-floppy --label $label --set=root
  linux $kernel $append
  initrd $initrd
}
CFG
  bytes=$(numfmt --from=iec "$size")
  # The filesystem goes straight into the file at a 1 MiB offset (mke2fs -E offset=).
  mkfs.ext4 -q -F -L "$label" -E offset=$off -d "$rootfs" "$raw" $(((bytes - off) / 1024))k >/dev/null
  truncate -s "$bytes" "$raw"
  echo "start=2048, type=83, bootable" | sfdisk -q --wipe never --wipe-partitions never "$raw" 2>&1 \
    | { grep -v "contains a ext4 signature" || true; } >&2
  # All modules are embedded in core.img, written to sector 1. boot.img's default core sector (1) and
  # diskboot's default blocklist (start 2, length set by grub-mkimage) match this layout, so
  # grub-bios-setup (which wants a block device) is not needed.
  core=$(mktemp)
  grub-mkimage -O i386-pc -o "$core" -p '(hd0,msdos1)/boot/grub' \
    biosdisk part_msdos ext2 normal linux search search_label serial terminal configfile echo test
  [ "$(stat -c %s "$core")" -lt $((off - 512)) ] || { echo "core.img does not fit before the partition" >&2; return 1; }
  dd if="$grubdir/boot.img" of="$raw" bs=440 count=1 conv=notrunc status=none
  dd if="$core" of="$raw" bs=512 seek=1 conv=notrunc status=none
  rm -f "$core"
  qemu-img convert -f raw -O qcow2 "$raw" "$out"
  rm -f "$raw"
}

# write_image_json OUTDIR USER APPEND - what ensureBaseImage reads back (user, kernel command line).
write_image_json() {
  printf '{"user":"%s","append":"%s"}\n' "$2" "$3" > "$1/image.json"
}
