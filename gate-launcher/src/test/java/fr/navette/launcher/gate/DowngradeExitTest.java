package fr.navette.launcher.gate;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.agent.OutboxFromNewerVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate whose outbox a newer Navette wrote (the package was downgraded) exits with status 3, which its unit does
 * not restart on, naming both versions and the file; the file is left as it was.
 */
class DowngradeExitTest {
  @TempDir Path dir;

  @Test
  void aGateOnANewerOutboxExitsWithItsOwnStatusAndTouchesNothing() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path outbox = data.resolve("outbox.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE outbox (sequence INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL,"
          + " payload BLOB NOT NULL, stored_at INTEGER NOT NULL, priority INTEGER)");
      st.execute("INSERT INTO outbox (channel, payload, stored_at) VALUES ('return', x'00', 1)");
      st.execute("PRAGMA user_version = 99");
    }
    byte[] before = Files.readAllBytes(outbox);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process gate = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), GateMain.class.getName(), "--simulate", "--data", data.toString(),
        "--broker", "tcp://127.0.0.1:1"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(gate.waitFor(60, TimeUnit.SECONDS)).as("the gate exits").isTrue();
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);

    assertThat(gate.exitValue()).as(out).isEqualTo(OutboxFromNewerVersion.EXIT_CODE).isEqualTo(3);
    assertThat(out).contains("navette gate: the outbox " + outbox).contains("schema version 99")
        .containsPattern("knows versions up to \\d+"); // this build's own, whichever it is
    assertThat(Files.readAllBytes(outbox)).isEqualTo(before);
    String unit = Files.readString(Path.of("../packaging/src/deb/gate/navette-gate.service"));
    assertThat(unit).containsPattern("(?m)^RestartPreventExitStatus=.*\\b3\\b");
  }
}
