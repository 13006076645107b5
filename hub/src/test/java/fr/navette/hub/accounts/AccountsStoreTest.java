package fr.navette.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts and the audit log on both stores (SQLite and PostgreSQL; the latter skipped where absent): branches kept
 * in order, a change written whole, and the audit read newest first with the device identities' lines folded in.
 */
class AccountsStoreTest {
  @TempDir Path dir;

  @AfterAll
  static void dropSchemas() {
    TestDatabases.dropCreatedSchemas();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void accountsAndTheAuditLogAreKeptAndReadBack(String kind) throws Exception {
    SteppedClock clock = new SteppedClock(Instant.parse("2026-03-02T09:00:00Z"));
    try (Database db = TestDatabases.open(kind, dir)) {
      AuditLog audit = new AuditLog(db, clock);
      Accounts accounts = new Accounts(db, audit, clock, AccountSettings.defaults(), Set::of);
      accounts.create("Marie", "une phrase assez longue".toCharArray(), "branch-staff", List.of("BR03", "BR01"), "fr",
          "test");
      clock.advance(Duration.ofMinutes(1));
      accounts.change("marie", new Accounts.Change(Optional.empty(), Optional.of(List.of("BR02")), Optional.empty(),
          Optional.empty(), Optional.of("en")), "chef");
      new fr.navette.hub.identities.IdentityRegistry(db).audit(new fr.navette.identity.AuditEvent(
          clock.instant().plusSeconds(1), "admin", fr.navette.identity.AuditEvent.Action.REVOKED, "gate-01", "0a",
          "revoked by the administrator"));

      StaffAccounts.Account marie = accounts.find("MARIE").orElseThrow();
      assertThat(marie.branches()).containsExactly("BR02");
      assertThat(marie.language()).isEqualTo("en");
      assertThat(accounts.login("marie", "une phrase assez longue".toCharArray(), "10.0.0.1"))
          .isInstanceOf(Accounts.Login.Opened.class);

      AuditLog.Page page = audit.list(AuditLog.Filter.latest(10));
      assertThat(page.audit()).extracting(l -> l.source() + " " + l.actor() + " " + l.action() + " " + l.subject())
          .containsExactly("identity admin revoked gate-01", "staff marie login marie",
              "staff chef user-changed marie", "staff test user-created marie");
      assertThat(page.audit().get(0).serial()).isEqualTo("0a");
      assertThat(page.total()).isEqualTo(4);
      assertThat(audit.list(new AuditLog.Filter("chef", null, null, null, 10, 0)).audit()).singleElement()
          .satisfies(l -> assertThat(l.detail()).isEqualTo("branches BR03 BR01 → BR02, language en"));
      assertThat(audit.list(new AuditLog.Filter(null, null, Instant.parse("2026-03-02T09:00:30Z"), null, 10, 0))
          .total()).isEqualTo(3);
    }
  }
}
