package fr.navette.hub.web;

import io.helidon.webserver.http.Filter;
import java.util.Arrays;
import java.util.Set;

/**
 * Tests' stand-in for a logged-in account where a test serves one feature's routes on a server of its own (no
 * accounts store behind it): a filter, registered after {@link StaffFilter}, that makes the request's
 * {@link StaffUser} the one named in the {@code X-Test-Staff} header — {@code name;ROLE;BR01,BR02}
 * ({@link #header}) or, for branch staff, {@code name:BR01,BR02}. Test code only: no hub serves it.
 */
public final class TestStaff {
  public static final String HEADER = "X-Test-Staff";

  private TestStaff() {}

  public static Filter fromHeader() {
    return (chain, req, res) -> {
      var named = req.headers().first(io.helidon.http.HeaderNames.create(HEADER));
      if (named.isEmpty()) {
        chain.proceed();
        return;
      }
      String spec = named.get();
      StaffUser user;
      if (spec.contains(";")) {
        String[] parts = spec.split(";", -1);
        user = new StaffUser(parts[0], StaffUser.Role.valueOf(parts[1]), branches(parts[2]));
      } else {
        int colon = spec.indexOf(':');
        user = new StaffUser(spec.substring(0, colon), StaffUser.Role.BRANCH_STAFF, branches(spec.substring(colon + 1)));
      }
      StaffUser.during(user, chain::proceed);
    };
  }

  private static Set<String> branches(String list) {
    return list.isBlank() ? Set.of() : Set.copyOf(Arrays.stream(list.split(",")).map(String::trim).toList());
  }

  public static String header(String name, StaffUser.Role role, String... branches) {
    return name + ";" + role.name() + ";" + String.join(",", branches);
  }
}
