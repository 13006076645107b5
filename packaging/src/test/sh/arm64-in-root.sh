#!/bin/sh
# arm64-in-root.sh WORK COMMAND...   (run by root.sh WORK do: in its mount namespace, with ROOT set)
# Makes the root of root.sh see Debian 13's arm64 Java 21 (WORK/arm64, from arm64-root.sh) as its only Java, the way
# a Raspberry Pi's root would, then runs COMMAND:
# - WORK/arm64 is mounted at ROOT/opt/arm64: the prefix qemu-aarch64-static looks in first (-L) for every path the
#   emulated program opens (its ELF interpreter, libc, the JRE's files); the rest (/usr/share/navette, /etc/navette,
#   /var/lib/navette) are the root's own, as installed by dpkg;
# - WORK/arm64/usr/lib/jvm is mounted over ROOT/usr/lib/jvm: the launcher (launch.sh) finds no Java but that one;
# - over that JRE's bin/java, a shell script that runs it under qemu-aarch64-static: binfmt_misc done by hand for
#   one file (this machine may have no binfmt_misc, and registering one would change it for every process).
# The JRE's files under /opt/arm64 stay untouched: the script's qemu runs the real arm64 java from there.
set -eu
work=$1
shift
cat > "$work/qemu-java" <<'EOF'
#!/bin/sh
exec /usr/bin/qemu-aarch64-static -L /opt/arm64 /opt/arm64/usr/lib/jvm/java-21-openjdk-arm64/bin/java "$@"
EOF
chmod 755 "$work/qemu-java"
mkdir -p "$ROOT/opt/arm64"
mount --bind "$work/arm64" "$ROOT/opt/arm64"
mount --bind "$work/arm64/usr/lib/jvm" "$ROOT/usr/lib/jvm"
mount --bind "$work/qemu-java" "$ROOT/usr/lib/jvm/java-21-openjdk-arm64/bin/java"
exec "$@"
