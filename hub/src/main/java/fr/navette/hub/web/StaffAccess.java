package fr.navette.hub.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may change things through the API. Reading (GET) is open to the branch network, except the administrator's
 * API under {@code /api/admin/} (device identities: admin tokens only, see {@link StaffFilter}); every POST needs a bearer
 * token ({@code Authorization: Bearer <token>}) of a role allowed to do it: {@code staff} for the shuttle and
 * alerts (pack, close, arrivals, departures, mark an alert dealt with), {@code admin} for devices (configuration,
 * commands) — and an admin token may do what staff do. Tokens come from the hub's configuration, one or more per
 * role, each at least 20 characters; only their SHA-256 is kept, compared in constant time.
 *
 * <p>With no token configured the API is open, as in the demo, and the hub says so at start with a warning.
 */
public final class StaffAccess {
  /** What a token lets one do; {@code ADMIN} includes {@code STAFF}. */
  public enum Role { STAFF, ADMIN }

  static final int MIN_TOKEN_LENGTH = 20;
  private final Map<Role, List<byte[]>> digests;
  private final boolean openExceptAdminApi;

  private StaffAccess(Map<Role, List<byte[]>> digests, boolean openExceptAdminApi) {
    this.digests = digests;
    this.openExceptAdminApi = openExceptAdminApi;
  }

  /** No token: every POST is allowed. */
  public static StaffAccess open() {
    return new StaffAccess(new EnumMap<>(Role.class), false);
  }

  /**
   * The demo's access: the staff API open as {@link #open()} (staff accounts come with the staff console), but the
   * administrator's API ({@code /api/admin/}: device identities, enrolment strings, the audit log) only with this
   * admin token — an open enrolment API would let anyone on the network mint device identities.
   */
  public static StaffAccess demo(String adminToken) {
    if (adminToken.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("admin token: at least " + MIN_TOKEN_LENGTH + " characters");
    }
    Map<Role, List<byte[]>> digests = new EnumMap<>(Role.class);
    digests.put(Role.ADMIN, List.of(sha256(adminToken)));
    return new StaffAccess(digests, true);
  }

  /** Whether everything but the administrator's API is open (the demo's access). */
  public boolean openExceptAdminApi() {
    return openExceptAdminApi;
  }

  /**
   * Reads {@code role:token} pairs separated by commas or white space, e.g. {@code staff:Xy…,admin:Zk…}.
   *
   * @throws IllegalArgumentException naming the pair at fault (by position, never its token)
   */
  public static StaffAccess parse(String spec) {
    Map<Role, List<byte[]>> digests = new EnumMap<>(Role.class);
    String[] pairs = spec.strip().split("[,\\s]+");
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("staff token #" + (i + 1) + ": expected role:token (staff or admin)");
      }
      Role role;
      try {
        role = Role.valueOf(pair.substring(0, colon).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("staff token #" + (i + 1) + ": unknown role '" + pair.substring(0, colon)
            + "' (staff or admin)");
      }
      String token = pair.substring(colon + 1);
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException("staff token #" + (i + 1) + " (" + role.name().toLowerCase(Locale.ROOT)
            + "): at least " + MIN_TOKEN_LENGTH + " characters, e.g. openssl rand -base64 24");
      }
      digests.computeIfAbsent(role, r -> new ArrayList<>()).add(sha256(token));
    }
    return new StaffAccess(digests, false);
  }

  public boolean isOpen() {
    return digests.isEmpty();
  }

  /** What the request's Authorization header lets it do: empty when it carries no token this hub knows. */
  public Optional<Role> roleOf(Optional<String> authorization) {
    Optional<String> token = authorization.map(String::strip)
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip());
    if (token.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = sha256(token.get());
    Optional<Role> found = Optional.empty();
    // Every digest is compared, whatever matched first: the time taken says nothing of the token.
    for (Role role : Role.values()) {
      for (byte[] known : digests.getOrDefault(role, List.of())) {
        if (MessageDigest.isEqual(known, given) && found.map(f -> f.ordinal() < role.ordinal()).orElse(true)) {
          found = Optional.of(role);
        }
      }
    }
    return found;
  }

  /** Whether a holder of {@code role} may do what needs {@code needed}. */
  public static boolean covers(Role role, Role needed) {
    return role.ordinal() >= needed.ordinal();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    if (isOpen()) {
      return "open (no staff token)";
    }
    if (openExceptAdminApi) {
      return "open except the admin API (demo: one admin token)";
    }
    StringBuilder b = new StringBuilder();
    digests.forEach((role, list) -> b.append(b.isEmpty() ? "" : ", ").append(list.size()).append(' ')
        .append(role.name().toLowerCase(Locale.ROOT)).append(" token(s)"));
    return b.toString();
  }
}
