package fr.navette.bench.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log scan itself: a card number, a PIN, a patron's name logged by a real logger into a module's test output are
 * found (so the suite-wide scan fails on them), masked ones and look-alikes are not, and a report older than the
 * build is not read.
 */
class LogLeaksTest {
  @TempDir Path root;

  @Test
  void aCardNumberAPinOrANameLoggedIsFoundAndMaskedOnesAreNot() throws Exception {
    Path output = Files.createDirectories(root.resolve("kiosk-agent/target/surefire-reports"))
        .resolve("fr.navette.kiosk.SomeTest-output.txt");
    Logger log = fileLogger(output);
    log.info("checkout for patron ********42 accepted");          // masked: fine
    log.info("sequence 2147483647 reached, hash pp1.k1.AAAAAAAAAAAAAAAAAAAAAA"); // look-alikes: fine
    log.info("SIP2 -> 11YN20261124    093000AOinst|AA***42|AD***|AB3000000001|"); // as Sip2Message masks: fine
    log.info("checkout for patron 2000000042 accepted");          // a deliberate leak: the card
    log.info("request {\"patronId\":\"***\",\"pin\":\"4321\"}");  // the PIN
    log.info("hold for Dubois, Léa at BR02");                      // the name
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(log.getName()).detachAndStopAllAppenders();

    List<LogLeaks.Leak> leaks = LogLeaks.scan(LogLeaks.outputs(root, null));

    assertThat(leaks).extracting(LogLeaks.Leak::kind).containsExactly("card number", "PIN", "patron name");
    assertThat(leaks).extracting(LogLeaks.Leak::line).containsExactly(4L, 5L, 6L);
    assertThat(leaks.toString()).doesNotContain("2000000042").doesNotContain("4321").doesNotContain("Dubois")
        .contains("<card number hidden>");
  }

  @Test
  void onlyTheReportsOfThisBuildAreRead() throws Exception {
    Path reports = Files.createDirectories(root.resolve("hub/target/surefire-reports"));
    Path old = Files.writeString(reports.resolve("Old-output.txt"), "patron 2000000001\n");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)));
    Path fresh = Files.writeString(reports.resolve("Fresh-output.txt"), "nothing personal\n");
    Files.writeString(reports.resolve("TEST-Fresh.xml"), "<testsuite/>"); // not output: the XML repeats it

    assertThat(LogLeaks.outputs(root, Instant.now().minus(1, ChronoUnit.HOURS))).containsExactly(fresh);
    assertThat(LogLeaks.outputs(root, null)).containsExactlyInAnyOrder(fresh, old);
  }

  /** A logger of its own writing only to {@code file}: the deliberate leaks never reach this module's own output. */
  private static Logger fileLogger(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    Logger logger = context.getLogger("leak-test-" + System.nanoTime());
    logger.setAdditive(false);
    logger.addAppender(appender);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    return logger;
  }
}
