package fr.navette.launcher.kiosk;

import picocli.CommandLine;

/**
 * The kiosk's own process (the {@code navette-kiosk} package's {@code /usr/bin/navette-kiosk}): only the
 * {@code kiosk} command, on a class path of the kiosk's jars ({@code kiosk-launcher/target/lib}), so that nothing of
 * the hub or the demo is shipped to, or loaded on, a self-check kiosk or a return box. As {@code GateMain} for gates.
 */
public final class KioskMain {
  private KioskMain() {}

  public static void main(String[] args) {
    // The same switch as navette-logback.xml's, for slf4j-simple (gate-launcher's simplelogger.properties).
    String level = System.getProperty("navette.log.level");
    if (level != null) {
      System.setProperty("org.slf4j.simpleLogger.log.fr.navette", level.toLowerCase(java.util.Locale.ROOT));
    }
    CommandLine cli = new CommandLine(new KioskCommand());
    cli.setCommandName("navette kiosk");
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      // An outbox from a newer Navette (a downgrade): its own status, on which systemd does not restart the unit
      // (RestartPreventExitStatus=): restarting cannot help, reinstalling the newer version does.
      var newer = fr.navette.agent.OutboxFromNewerVersion.in(ex);
      commandLine.getErr().println("navette kiosk: " + newer.map(Throwable::getMessage).orElse(ex.getMessage()));
      return newer.isPresent() ? fr.navette.agent.OutboxFromNewerVersion.EXIT_CODE : 1;
    });
    System.exit(cli.execute(args));
  }
}
