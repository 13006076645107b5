package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.accounts.AccountSettings;
import fr.navette.hub.accounts.Accounts;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code navette hub --create-admin USER}: the first administrator written into the hub's store, the password asked
 * twice on the terminal (never echoed: read through {@code Console.readPassword}) or read from a variable for scripts.
 */
class HubCreateAdminTest {
  @TempDir Path data;
  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<String> prompts = new ArrayList<>();

  private int run(Map<String, String> env, Deque<String> typed, String... args) {
    HubCommand command = new HubCommand(env::get);
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.prompt = text -> {
      prompts.add(text);
      String next = typed.poll();
      return next == null ? null : next.toCharArray();
    };
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((ex, c, p) -> {
      c.getErr().println("navette: " + ex.getMessage());
      return 1;
    });
    return cli.execute(args);
  }

  private boolean logsIn(String user, String password) {
    try (Database db = Database.sqlite(data.resolve("hub.db"))) {
      Accounts accounts = new Accounts(db, new AuditLog(db, Clock.systemUTC()), Clock.systemUTC(),
          AccountSettings.defaults(), Set::of);
      return accounts.login(user, password.toCharArray(), "127.0.0.1") instanceof Accounts.Login.Opened opened
          && opened.account().role().wire().equals("admin");
    }
  }

  @Test
  void thePasswordIsAskedTwiceAndTheAdminWrittenToTheStore() {
    int exit = run(Map.of(), new ArrayDeque<>(List.of("une phrase assez longue", "une phrase assez longue")),
        "--data", data.toString(), "--create-admin", "Chef");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(prompts).hasSize(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Admin account chef created")
        .doesNotContain("une phrase");
    assertThat(logsIn("chef", "une phrase assez longue")).isTrue();
    try (Database db = Database.sqlite(data.resolve("hub.db"))) {
      assertThat(new AuditLog(db, Clock.systemUTC()).list(AuditLog.Filter.latest(10)).audit())
          .anySatisfy(l -> assertThat(l.actor() + " " + l.action() + " " + l.subject())
              .isEqualTo("console:create-admin user-created chef"));
    }
  }

  @Test
  void twoDifferentEntriesWriteNothing() {
    int exit = run(Map.of(), new ArrayDeque<>(List.of("une phrase assez longue", "une autre phrase longue")),
        "--data", data.toString(), "--create-admin", "chef");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("the two passwords differ: nothing written");
    assertThat(logsIn("chef", "une phrase assez longue")).isFalse();
  }

  @Test
  void withoutATerminalItAsksForTheVariableAndAShortPasswordIsRefused() {
    assertThat(run(Map.of(), new ArrayDeque<>(), "--data", data.toString(), "--create-admin", "chef")).isEqualTo(1);
    assertThat(err.toString()).contains("--password-env");
    assertThat(run(Map.of("PW", "court"), new ArrayDeque<>(), "--data", data.toString(), "--create-admin", "chef",
        "--password-env", "PW")).isEqualTo(1);
    assertThat(err.toString()).contains("au moins 12 caractères");
  }

  @Test
  void aScriptGivesThePasswordInAVariableAndRunningAgainResetsIt() {
    assertThat(run(Map.of("NAVETTE_ADMIN_PASSWORD", "première phrase longue"), new ArrayDeque<>(), "--data",
        data.toString(), "--create-admin", "chef", "--password-env", "NAVETTE_ADMIN_PASSWORD")).isZero();
    assertThat(prompts).isEmpty();
    assertThat(run(Map.of("NAVETTE_ADMIN_PASSWORD", "seconde phrase longue"), new ArrayDeque<>(), "--data",
        data.toString(), "--create-admin", "chef", "--password-env", "NAVETTE_ADMIN_PASSWORD")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("existed");
    assertThat(logsIn("chef", "première phrase longue")).isFalse();
    assertThat(logsIn("chef", "seconde phrase longue")).isTrue();
  }
}
