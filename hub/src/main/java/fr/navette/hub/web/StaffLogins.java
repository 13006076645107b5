package fr.navette.hub.web;

import java.util.Optional;

/**
 * What {@link StaffFilter} needs of staff sessions (the accounts feature provides them): who a session cookie
 * stands for. Kept here, in the web layer, so that the filter does not depend on the feature that implements it.
 */
public interface StaffLogins {
  /** The session cookie's name. */
  String COOKIE = "navette-session";
  /** The header a session's non-GET requests must carry, equal to its {@link SignedIn#csrf()}. */
  String CSRF_HEADER = "X-CSRF-Token";

  /**
   * Who is signed in with this cookie's value, the session's idle time renewed; empty when it is unknown, expired,
   * closed, or its account is disabled.
   */
  Optional<SignedIn> signedIn(String cookie);

  /**
   * A live session: its user and the token its non-GET requests must carry.
   *
   * @param language the account's language preference ({@code fr}, {@code en})
   * @param homeBranch the account's first branch, if it has one
   */
  record SignedIn(StaffUser user, String csrf, String language, Optional<String> homeBranch,
                  java.util.List<String> branches) {}

  /** No sessions at all (tests of routing alone). */
  StaffLogins NONE = cookie -> Optional.empty();
}
