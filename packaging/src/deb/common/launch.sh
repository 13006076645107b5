# Sourced by /usr/bin/navette-gate, navette-kiosk and navette-hub, which set role and main (the hub also command):
# finds a Java 21+ and runs the role's main on the role's jars only. Each package ships its own copy (a file is owned
# by one package). POSIX sh: Raspberry Pi OS's /bin/sh is dash.

share=/usr/share/navette/$role
state=/var/lib/navette/$role
classpath="$share/$role.jar:$share/lib/*"

# A Java home's feature version (21, 25 ...) from its release file: no JVM started, which takes seconds on a Pi Zero.
java_feature() {
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}

# Sets java and java_version: NAVETTE_JAVA if set, else the newest Java 21+ of JAVA_HOME, the java on the PATH (the
# alternatives' choice, which may be an older one) and /usr/lib/jvm/*.
find_java() {
  if [ -n "${NAVETTE_JAVA:-}" ]; then
    java=$NAVETTE_JAVA
    java_version=$(java_feature "$(dirname "$(dirname "$(readlink -f "$java")")")")
    [ -n "$java_version" ] || java_version=21
    return 0
  fi
  java=
  java_version=0
  path_home=
  if command -v java >/dev/null 2>&1; then
    path_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for home in "${JAVA_HOME:-}" "$path_home" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    v=$(java_feature "$home")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$java_version" ]; then
      java=$home/bin/java
      java_version=$v
    fi
  done
  [ -n "$java" ]
}

java_options() {
  options="--enable-native-access=ALL-UNNAMED"
  # JDK 23+ warns when libraries (Netty, Guava) use sun.misc.Unsafe; they work, the warning only confuses.
  if [ "$java_version" -ge 23 ]; then
    options="$options --sun-misc-unsafe-memory-access=allow"
  fi
}

# The role's process, with the role's JVM settings (measured for the gate: bench/README.md) and NAVETTE_JAVA_OPTS.
run_main() {
  # two malloc arenas: glibc's one per thread adds resident megabytes for nothing
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
  export MALLOC_ARENA_MAX
  # shellcheck disable=SC2086 # options and NAVETTE_JAVA_OPTS are lists of words
  exec "$java" $options "@$share/jvm.options" ${NAVETTE_JAVA_OPTS:-} -cp "$classpath" "$main" ${command:+"$command"} "$@"
}

run_enrol() {
  # shellcheck disable=SC2086
  exec "$java" $options -XX:+UseSerialGC -Xmx64m -cp "$classpath" fr.navette.provisioning.EnrolMain "$@"
}

# /etc/default/navette-ROLE: systemd reads it as root (EnvironmentFile=, 0600: it may hold secrets); by hand, as
# root, it is read here.
read_defaults() {
  if [ -z "${INVOCATION_ID:-}" ] && [ -f "/etc/default/navette-$role" ]; then
    if [ -r "/etc/default/navette-$role" ]; then
      # exported, as systemd hands them to the process: the JVM reads the secrets from its environment
      set -a
      # shellcheck disable=SC1090
      . "/etc/default/navette-$role"
      set +a
    else
      echo "navette-$role: /etc/default/navette-$role is readable by root only: its settings are not read (run as root, or systemctl start navette-$role)" >&2
    fi
  fi
}

# The unit's ExecStartPre: enrols once, on the first start after NAVETTE_HUB and NAVETTE_ENROLMENT were written
# in /etc/default/navette-ROLE; the string travels on standard input, never on a command line others can read.
enrol_if_needed() {
  read_defaults
  if [ -f "$state/identity/enrolment.json" ]; then
    exit 0
  fi
  if [ -z "${NAVETTE_ENROLMENT:-}" ]; then
    echo "navette-$role: not enrolled (no NAVETTE_ENROLMENT in /etc/default/navette-$role): running without an identity" >&2
    exit 0
  fi
  if [ -z "${NAVETTE_HUB:-}" ]; then
    echo "navette-$role: NAVETTE_ENROLMENT is set but not NAVETTE_HUB (the hub's https:// address) in /etc/default/navette-$role" >&2
    exit 2
  fi
  printf '%s\n' "$NAVETTE_ENROLMENT" | run_enrol --hub "$NAVETTE_HUB" --enrolment - --dir "$state/identity"
}

# The unit's second ExecStartPre, as root ("+"): once enrolled, the one-time enrolment string leaves
# /etc/default/navette-ROLE (a line saying when and why takes its place); the file keeps its other lines, its owner and
# its 0600 mode (a copy beside it, renamed over it). No JVM. Nothing to do: nothing touched.
forget_enrolment() {
  file=/etc/default/navette-$role
  if [ ! -f "$state/identity/enrolment.json" ] || [ ! -f "$file" ]; then
    return 0
  fi
  pattern='^[[:space:]]*(export[[:space:]]+)?NAVETTE_ENROLMENT='
  if ! grep -Eq "$pattern" "$file"; then
    return 0
  fi
  tmp=$(mktemp "$file.XXXXXX") || return 1
  chmod 0600 "$tmp"
  if { grep -Ev "$pattern" "$file"; echo "# NAVETTE_ENROLMENT removed $(date -u +%Y-%m-%dT%H:%M:%SZ) after the enrolment (a one-time secret)"; } > "$tmp" \
      && chown --reference="$file" "$tmp" && chmod --reference="$file" "$tmp" && mv -f "$tmp" "$file"; then
    echo "navette-$role: enrolled; the enrolment string was removed from $file" >&2
  else
    rm -f "$tmp"
    echo "navette-$role: enrolled, but the enrolment string could not be removed from $file: remove its NAVETTE_ENROLMENT line by hand" >&2
    return 1
  fi
}

# What the unit runs: the settings file, the state folder, the identity once enrolled, NAVETTE_OPTS last.
run_service() {
  read_defaults
  if [ "$role" = hub ]; then
    # shellcheck disable=SC2086
    run_main --data "$state" "@/etc/navette/hub.conf" ${NAVETTE_OPTS:-} "$@"
  fi
  if [ -f "$state/identity/enrolment.json" ]; then
    set -- --identity "$state/identity" "$@"
  fi
  # shellcheck disable=SC2086
  run_main --config "/etc/navette/$role.conf" --data "$state/data" ${NAVETTE_OPTS:-} "$@"
}

# `navette-hub create-admin USER [--password-env NAME]`: the first administrator (or a new password for one) written
# into the store the service uses (--data /var/lib/navette/hub, or hub.conf's --jdbc-url with the password from
# /etc/default/navette-hub), as the navette user, so that a hub.db it creates belongs to the service and is 0600.
# Run as root (sudo): the defaults are read as root, then the JVM runs as navette.
create_admin() {
  if [ "$role" != hub ]; then
    echo "navette-$role: create-admin is a command of navette-hub" >&2
    exit 2
  fi
  if [ $# -lt 1 ]; then
    echo "usage: navette-hub create-admin USER [--password-env NAME] (as root: sudo navette-hub create-admin USER)" >&2
    exit 2
  fi
  if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != navette ]; then
    echo "navette-hub: create-admin writes into /var/lib/navette/hub, the navette user's: run it as root" \
      "(sudo navette-hub create-admin $1)" >&2
    exit 2
  fi
  read_defaults
  umask 077
  cd "$state"
  user=$1
  shift
  # shellcheck disable=SC2086
  set -- -XX:+UseSerialGC -Xmx64m -cp "$classpath" "$main" hub --data "$state" "@/etc/navette/hub.conf" \
    ${NAVETTE_OPTS:-} --create-admin "$user" "$@"
  if [ "$(id -u)" -eq 0 ]; then
    # runuser keeps the terminal (the password is asked on it) and the environment (--password-env)
    # shellcheck disable=SC2086
    exec runuser -u navette -- "$java" $options "$@"
  fi
  # shellcheck disable=SC2086
  exec "$java" $options "$@"
}

# The kiosk's page address from /etc/navette/kiosk.conf (web.bind, web.port; defaults 127.0.0.1:8090).
kiosk_conf() {
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]]*\).*/\1/p" /etc/navette/kiosk.conf 2>/dev/null | tail -n 1
}

# navette-kiosk-screen.service's ExecCondition: a self-check kiosk only (exit 1 skips the unit, no restart).
screen_check() {
  mode=$(kiosk_conf mode)
  if [ "$mode" != self-check ]; then
    echo "navette-kiosk-screen: mode=${mode:-(unset)} in /etc/navette/kiosk.conf, not self-check: no page to show" >&2
    exit 1
  fi
  if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    echo "navette-kiosk-screen: no chromium (apt install chromium cage)" >&2
    exit 1
  fi
}

# What cage runs: Chromium in kiosk mode on the kiosk's page, nothing of the browser shown or kept. Incognito: no
# history, cache nor form data of one patron left for the next; no translate bar, no pinch, no swipe back, no error
# or crash bubbles; the start page waits for the kiosk's page (navette-kiosk may start after the browser).
run_screen() {
  bind=$(kiosk_conf web.bind)
  port=$(kiosk_conf web.port)
  case "${bind:-127.0.0.1}" in 0.0.0.0|::|'[::]') bind=127.0.0.1 ;; esac
  url="http://${bind:-127.0.0.1}:${port:-8090}/"
  browser=$(command -v chromium || command -v chromium-browser)
  profile=${HOME:-/var/lib/navette/kiosk-screen}/chromium
  exec "$browser" --ozone-platform=wayland --kiosk --incognito --user-data-dir="$profile" \
    --no-first-run --no-default-browser-check --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
    --disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation \
    --disable-pinch --overscroll-history-navigation=0 --disable-component-update --password-store=basic \
    --check-for-update-interval=31536000 --autoplay-policy=no-user-gesture-required \
    "file://$share/screen/start.html#$url"
}

navette_run() {
  if [ "${1:-}" = forget-enrolment ]; then
    forget_enrolment
    exit $?
  fi
  if [ "$role" = kiosk ]; then # the kiosk's screen: no Java needed
    case "${1:-}" in
      screen) run_screen ;;
      screen-check) screen_check; exit 0 ;;
    esac
  fi
  if ! find_java; then
    echo "navette-$role: no Java 21 or newer found (looked at \$NAVETTE_JAVA, \$JAVA_HOME, java on the PATH," \
      "/usr/lib/jvm/*): apt install openjdk-21-jre-headless (Debian 13, Raspberry Pi OS 13), or see" \
      "/usr/share/doc/navette-$role/README.Debian on Debian 12" >&2
    exit 2
  fi
  java_options
  case "${1:-}" in
    enrol) shift; run_enrol "$@" ;;
    enrol-if-needed) enrol_if_needed ;;
    service) shift; run_service "$@" ;;
    create-admin|--create-admin) shift; create_admin "$@" ;;
    *) run_main "$@" ;;
  esac
}
