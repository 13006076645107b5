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
 * The bearer tokens scripts use ({@code Authorization: Bearer <token>}), beside staff sessions (see
 * {@link StaffFilter}): a {@code staff} token acts as a coordinator (every branch; the shuttle, alerts, alarms), an
 * {@code admin} token as an administrator (devices, identities, users). Tokens come from the hub's configuration, one
 * or more per role, each at least 20 characters; only their SHA-256 is kept, compared in constant time.
 *
 * <p>{@link #open()} lets anyone do anything without a session or a token: the named insecure mode of tests (a hub
 * configured without access gets it), which the hub warns about at start. A real hub uses {@link #none()} (accounts
 * only) or {@link #parse} (accounts and tokens).
 */
public final class StaffAccess {
  /** What a token lets one do; {@code ADMIN} includes {@code STAFF}. */
  public enum Role { STAFF, ADMIN }

  static final int MIN_TOKEN_LENGTH = 20;
  private final Map<Role, List<byte[]>> digests;
  private final boolean open;

  private StaffAccess(Map<Role, List<byte[]>> digests, boolean open) {
    this.digests = digests;
    this.open = open;
  }

  /** Anyone may do anything, no session nor token asked: tests of other things than access, never a library. */
  public static StaffAccess open() {
    return new StaffAccess(new EnumMap<>(Role.class), true);
  }

  /** No token: staff sessions only (accounts made with {@code navette hub --create-admin} and the users page). */
  public static StaffAccess none() {
    return new StaffAccess(new EnumMap<>(Role.class), false);
  }

  /**
   * The demo's access: its accounts (printed at start) and this admin token, made for the run — for the
   * administrator's API ({@code /api/admin/}: device identities, enrolment strings, the audit log) from scripts.
   */
  public static StaffAccess demo(String adminToken) {
    if (adminToken.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("admin token: at least " + MIN_TOKEN_LENGTH + " characters");
    }
    Map<Role, List<byte[]>> digests = new EnumMap<>(Role.class);
    digests.put(Role.ADMIN, List.of(sha256(adminToken)));
    return new StaffAccess(digests, false);
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

  /** Whether anyone may do anything ({@link #open()}). */
  public boolean isOpen() {
    return open;
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
      return "open (anyone may do anything: tests only)";
    }
    if (digests.isEmpty()) {
      return "staff sessions only (no token)";
    }
    StringBuilder b = new StringBuilder();
    digests.forEach((role, list) -> b.append(b.isEmpty() ? "" : ", ").append(list.size()).append(' ')
        .append(role.name().toLowerCase(Locale.ROOT)).append(" token(s)"));
    return "staff sessions and " + b;
  }
}
