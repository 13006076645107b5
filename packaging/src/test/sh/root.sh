#!/bin/sh
# root.sh WORK setup | WORK do COMMAND...
# A fresh Debian root for installing our packages without touching this machine, as root and offline: WORK/root has
# a copy of this machine's /etc, an empty /var with a new dpkg database, and this machine's /usr seen through an
# overlay whose writes land in WORK/usr-upper (so that the packages' files under /usr are exactly what is there).
# Each "do" mounts the overlay, /dev and /proc in a private mount namespace (unshare), runs COMMAND with ROOT set to
# WORK/root, and the mounts vanish with it. dpkg --root runs the maintainer scripts chrooted in ROOT: /bin/sh,
# adduser, deb-systemd-helper are this machine's.
set -eu
work=$1
action=$2
shift 2
root=$work/root
case "$action" in
  setup)
    rm -rf "$work"
    mkdir -p "$root/usr" "$work/usr-upper" "$work/usr-work" "$root/dev" "$root/proc" "$root/run" "$root/tmp" \
      "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers" "$root/var/log"
    : > "$root/var/lib/dpkg/status"
    : > "$root/var/lib/dpkg/available"
    chmod 1777 "$root/tmp"
    for link in bin sbin lib lib64; do
      if [ -L "/$link" ]; then ln -s "$(readlink "/$link")" "$root/$link"; fi
    done
    cp -a /etc "$root/etc"
    # no user of ours from this machine's /etc, whatever it holds
    sed -i '/^navette:/d' "$root/etc/passwd" "$root/etc/group" "$root/etc/shadow" "$root/etc/gshadow" 2>/dev/null || true
    ;;
  do)
    exec unshare --mount --propagation private /bin/sh -eu -c '
      root=$1; work=$2; shift 2
      mount -t overlay overlay -o "lowerdir=/usr,upperdir=$work/usr-upper,workdir=$work/usr-work" "$root/usr"
      mount --rbind /dev "$root/dev"
      mount -t proc proc "$root/proc"
      export ROOT="$root"
      exec "$@"
    ' root.sh "$root" "$work" "$@"
    ;;
  *)
    echo "root.sh: setup or do, not $action" >&2
    exit 2
    ;;
esac
