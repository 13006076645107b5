package fr.navette.hub.web;

import io.helidon.webserver.http.Filter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tests' stand-in for staff accounts (sessions come with the accounts' work): a filter, added after the staff
 * filter, that makes the request's {@link StaffUser} the branch staff named by {@code X-Test-Staff: name:BR01,BR02}.
 */
public final class TestStaff {
  public static final String HEADER = "X-Test-Staff";

  private TestStaff() {}

  public static Filter fromHeader() {
    return (chain, req, res) -> {
      String spec = req.headers().first(io.helidon.http.HeaderNames.create(HEADER)).orElse(null);
      if (spec == null) {
        chain.proceed();
        return;
      }
      int colon = spec.indexOf(':');
      Set<String> branches = Arrays.stream(spec.substring(colon + 1).split(",")).map(String::trim)
          .collect(Collectors.toSet());
      StaffUser.during(new StaffUser(spec.substring(0, colon), StaffUser.Role.BRANCH_STAFF, branches), chain::proceed);
    };
  }
}
