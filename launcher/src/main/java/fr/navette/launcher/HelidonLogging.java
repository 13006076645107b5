package fr.navette.launcher;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is set up already: {@code Navette.main} routes java.util.logging to logback. Without a
 * provider Helidon prints "There is no Helidon logging implementation on classpath" on stderr at its first server,
 * a line no configuration can send to the demo's log file.
 */
public final class HelidonLogging implements LoggingProvider {
  @Override
  public void initialization() {}

  @Override
  public void runTime() {}
}
