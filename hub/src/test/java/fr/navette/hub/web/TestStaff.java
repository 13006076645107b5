package fr.navette.hub.web;

import io.helidon.webserver.http.Filter;
import java.util.Arrays;
import java.util.Set;

/**
 * A test seam until staff accounts exist: a filter, registered after {@link StaffFilter}, that makes the request's
 * {@link StaffUser} the one named in the {@code X-Test-Staff} header ({@code name;ROLE;BR01,BR02}). Test code only:
 * no hub serves it.
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
      String[] parts = named.get().split(";", -1);
      Set<String> branches = parts[2].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(parts[2].split(",")));
      StaffUser.during(new StaffUser(parts[0], StaffUser.Role.valueOf(parts[1]), branches), chain::proceed);
    };
  }

  public static String header(String name, StaffUser.Role role, String... branches) {
    return name + ";" + role.name() + ";" + String.join(",", branches);
  }
}
