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

  @Test
  void aMissingFileAnUnknownModeAndABadValueAreRefusedNamingWhat() throws Exception {
    Run missing = kiosk("--config", dir.resolve("nope.properties").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--config: no such file");

    Run noMode = kiosk("--config", settings("site=BR01\ndevice-id=box-BR01-1\n").toString());
    assertThat(noMode.exitCode()).isEqualTo(2);
    assertThat(noMode.err()).contains("mode: return-box or self-check, got ''");

    Run badBin = kiosk("--config", settings("""
        mode=return-box
        site=BR01
        device-id=box-BR01-1
        bin.to-sort=
        reader.port=/dev/ttyACM0
        """).toString());
    assertThat(badBin.exitCode()).isEqualTo(2);
    assertThat(badBin.err()).contains("bin.to-sort: bins: the to-sort bin is required");

    Run typo = kiosk("--config", settings("""
        mode=self-check
        site=BR01
        device-id=kiosk-BR01-1
        idle-timeout=30
        """).toString());
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown self-check kiosk setting 'idle-timeout'", "idle-timeout-s");

    Run noReader = kiosk("--config", settings("mode=self-check\nsite=BR01\ndevice-id=kiosk-BR01-1\n").toString());
    assertThat(noReader.exitCode()).isEqualTo(2);
    assertThat(noReader.err()).contains("reader.port: required");
  }
}
