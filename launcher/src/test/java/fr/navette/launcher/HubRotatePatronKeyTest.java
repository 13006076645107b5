package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.kiosks.PatronKeyFile;
import fr.navette.hub.privacy.PatronKeys;
import fr.navette.hub.store.Database;
import fr.navette.schema.PatronPseudonym;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code navette hub rotate-patron-key --data DIR}: a new current key in the store's keyring, audited. */
class HubRotatePatronKeyTest {
  @TempDir Path data;
  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    HubRotatePatronKeyCommand command = new HubRotatePatronKeyCommand(Map.<String, String>of()::get);
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((ex, c, p) -> {
      c.getErr().println("navette: " + ex.getMessage());
      return 1;
    });
    return cli.execute(args);
  }

  @Test
  void theNewKeyMakesPseudonymsAndTheOldOneStillReads() {
    PatronPseudonym first = PatronKeyFile.loadOrCreate(data.resolve("patron.key")); // as the hub's first start

    int exit = run("--data", data.toString());

    assertThat(exit).as(err.toString()).isZero();
    try (Database db = Database.sqlite(data.resolve("hub.db"))) {
      AuditLog audit = new AuditLog(db, Clock.systemUTC());
      PatronKeys keys = new PatronKeys(db, first, Clock.systemUTC(), audit);
      assertThat(keys.heldKeyIds()).hasSize(2).endsWith(first.keyId());
      assertThat(keys.of("A0001")).isNotEqualTo(first.of("A0001"));
      assertThat(keys.pseudonymsOf("A0001")).contains(first.of("A0001"));
      assertThat(out.toString(StandardCharsets.UTF_8)).contains(keys.current().keyId());
      assertThat(audit.list(AuditLog.Filter.latest(5)).audit())
          .anySatisfy(line -> assertThat(line.actor()).isEqualTo("console:rotate-patron-key"));
    }
  }

  @Test
  void withoutTheHubsKeyNothingIsMade() {
    int exit = run("--data", data.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no patron key in").contains("patron.key");
    assertThat(data.resolve("patron.key")).doesNotExist();
  }
}
