package fr.navette.launcher.demo;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Switches the process's logging to the demo's ({@code navette-demo-logback.xml}): everything in the demo folder's
 * log file, and on the terminal only warnings and errors — or everything, as other commands do, with
 * {@code --verbose}. Done before the demo's parts start, so none of their lines escapes the file.
 */
public final class DemoLogging {
  public static final String LOG_FILE = "demo.log";

  private DemoLogging() {}

  /** Returns the log file, or throws when logback refuses the configuration (it then says why). */
  public static Path configure(Path folder, boolean verbose) {
    Path log = folder.resolve(LOG_FILE);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException("the demo's logging needs logback, found " + factory.getClass().getName());
    }
    URL config = DemoLogging.class.getResource("/navette-demo-logback.xml");
    long since = System.currentTimeMillis();
    context.reset(); // drops the appenders and the properties of navette-logback.xml
    context.putProperty("navette.demo.log", log.toString());
    context.putProperty("navette.demo.terminal", verbose ? "ALL" : "WARN");
    context.putProperty("navette.demo.scenario", verbose ? "ALL" : "OFF");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("the demo's logging configuration failed: " + e.getMessage(), e);
    }
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR && status.getTimestamp() >= since) {
        throw new IllegalStateException("the demo's logging configuration failed: " + status.getMessage());
      }
    }
    return log;
  }
}
