#!/bin/sh
# arm64-root.sh CACHE ROOT
# An arm64 Debian root for running our packages under qemu-aarch64-static (Arm64GateTest, bench/arm64-gate.sh):
# the arm64 .debs of Debian 13's Java 21 headless runtime and the libraries its JVM loads, downloaded once into
# CACHE/debs (a private apt configuration and state under CACHE/apt: this machine's apt is not touched, nor its
# architecture list), then unpacked with dpkg-deb -x into ROOT (emptied first) with the /lib -> usr/lib links of a
# merged-/usr system (the ELF interpreter is /lib/ld-linux-aarch64.so.1). No maintainer script runs: the JRE's
# cacerts (made by ca-certificates-java) is absent, which the gate does not need (it trusts its hub's CA only).
# Exit 3: the packages could not be downloaded (no network, no apt-get); the caller skips, saying so.
set -eu
cache=$1
root=$2
suite=${NAVETTE_ARM64_SUITE:-trixie}
mirror=${NAVETTE_ARM64_MIRROR:-http://deb.debian.org/debian}
# The JVM's own needs (readelf -d of java, libjvm.so, libjava.so, libnet.so, libnio.so, libzip.so): the package's
# other dependencies serve AWT, smart cards and NSS, which a headless gate never loads.
packages="openjdk-21-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g"

if [ ! -f "$cache/debs/complete" ]; then
  command -v apt-get >/dev/null 2>&1 || { echo "arm64-root.sh: apt-get not installed" >&2; exit 3; }
  apt=$cache/apt
  rm -rf "$apt" "$cache/debs.new"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc/apt.conf.d" "$apt/etc/preferences.d" \
    "$cache/debs.new"
  : > "$apt/status"
  echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
    > "$apt/etc/sources.list"
  cat > "$apt/apt.conf" <<EOF
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
APT::Sandbox::User "root";
Acquire::Languages "none";
Dir::State "$apt";
Dir::State::lists "$apt/lists";
Dir::State::status "$apt/status";
Dir::Cache "$apt/cache";
Dir::Etc "$apt/etc";
Dir::Etc::sourcelist "$apt/etc/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::parts "$apt/etc/apt.conf.d";
Dir::Etc::preferencesparts "$apt/etc/preferences.d";
EOF
  export APT_CONFIG="$apt/apt.conf"
  if ! apt-get -q update >"$apt/update.log" 2>&1 || grep -q '^[WE]: Failed' "$apt/update.log"; then
    cat "$apt/update.log" >&2
    echo "arm64-root.sh: $mirror $suite (arm64) unreachable" >&2
    exit 3
  fi
  # shellcheck disable=SC2086 # a list of names
  if ! (cd "$cache/debs.new" && apt-get -q download $packages) >"$apt/download.log" 2>&1; then
    cat "$apt/download.log" >&2
    exit 3
  fi
  echo "$packages" > "$cache/debs.new/complete"
  rm -rf "$cache/debs" "$apt"
  mv "$cache/debs.new" "$cache/debs"
fi

rm -rf "$root"
mkdir -p "$root"
for deb in "$cache"/debs/*.deb; do
  dpkg-deb -x "$deb" "$root"
done
for link in bin lib sbin; do
  ln -s "usr/$link" "$root/$link"
done
