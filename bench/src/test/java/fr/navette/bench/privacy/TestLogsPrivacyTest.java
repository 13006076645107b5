package fr.navette.bench.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole suite's logs name no patron: every line every module's tests wrote in this build (surefire's
 * {@code *-output.txt}, stdout and stderr, logs included) is scanned for the simulator's card numbers, PINs and
 * patron names ({@link LogLeaks}). It lives in {@code bench}, the reactor's last module, so that it runs after every
 * other module's tests in {@code ./mvnw verify}; only reports written since this build started count (the pom
 * passes {@code navette.build.started}), so that an old report does not fail it nor a missing one pass it unseen.
 * Run alone (without the other modules' tests in the same build) it skips, saying so.
 */
class TestLogsPrivacyTest {
  /** Fewer modules than this wrote test output in this build: not the whole suite, nothing to conclude. */
  private static final int WHOLE_SUITE_AT_LEAST = Integer.getInteger("navette.logscan.minModules", 5);

  @Test
  void noLogLineOfTheWholeSuiteNamesAPatron() {
    Path root = Path.of(System.getProperty("navette.reactor.root", "..")).toAbsolutePath().normalize();
    String started = System.getProperty("navette.build.started", "");
    Instant since = started.isBlank() || started.startsWith("${") ? null : Instant.parse(started);
    List<Path> outputs = LogLeaks.outputs(root, since);
    long modules = outputs.stream().map(f -> f.getParent().getParent().getParent()).distinct().count();
    assumeTrue(modules >= WHOLE_SUITE_AT_LEAST, "the tests of " + modules + " module(s) wrote output in this build"
        + (since == null ? "" : " (since " + since + ")") + ", fewer than " + WHOLE_SUITE_AT_LEAST + ": the log scan"
        + " runs after the whole suite (./mvnw verify), and is skipped here");
    List<LogLeaks.Leak> leaks = LogLeaks.scan(outputs);
    System.out.printf("log scan: %d file(s) of %d module(s) read, %d line(s) naming a patron%n", outputs.size(),
        modules, leaks.size());
    assertThat(leaks).as("lines of the test suite's output that show patron data (the data hidden here):%n%s",
        leaks.stream().limit(50).map(LogLeaks.Leak::toString).collect(Collectors.joining("\n"))).isEmpty();
  }
}
