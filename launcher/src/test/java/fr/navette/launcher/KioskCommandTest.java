package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A device's settings file is checked whole before anything starts, and a wrong line is named. */
class KioskCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  private Run kiosk(String... args) {
    CommandLine cli = Navette.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "kiosk";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(cli.execute(all), err.toString());
  }

  private Path settings(String text) throws Exception {
    return Files.writeString(dir.resolve("device.properties"), text);
  }

  /** The settings {@code text} refused at start (exit 2), the error naming each of {@code said}. */
  private void assertRefused(String text, String... said) throws Exception {
    Run run = kiosk("--config", settings(text).toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(said);
  }

  @Test
  void aMissingFileAnUnknownModeAndABadValueAreRefusedNamingWhat() throws Exception {
    Run missing = kiosk("--config", dir.resolve("nope.properties").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--config: no such file");

    // no mode
    assertRefused("site=BR01\ndevice-id=box-BR01-1\n", "mode: return-box or self-check, got ''");

    // a bin left without its diverter
    assertRefused("""
        mode=return-box
        site=BR01
        device-id=box-BR01-1
        bin.to-sort=
        reader.port=/dev/ttyACM0
        """,
        "bin.to-sort: bins: the to-sort bin is required");

    // a misspelt key
    assertRefused("""
        mode=self-check
        site=BR01
        device-id=kiosk-BR01-1
        idle-timeout=30
        """,
        "unknown self-check kiosk setting 'idle-timeout'", "idle-timeout-s");

    // no reader
    assertRefused("mode=self-check\nsite=BR01\ndevice-id=kiosk-BR01-1\n", "reader.port: required");
  }
}
