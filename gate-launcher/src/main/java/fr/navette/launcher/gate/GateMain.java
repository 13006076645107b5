package fr.navette.launcher.gate;

import picocli.CommandLine;

/**
 * The gate's own process ({@code ./navette gate}): only the {@code gate} command, on a class path of the gate's jars
 * ({@code gate-launcher/target/lib}), so that nothing of the hub, the kiosk or the demo is loaded on a Pi. The full
 * {@code navette} command tree registers every command, and picocli loads each command's classes.
 */
public final class GateMain {
  private GateMain() {}

  public static void main(String[] args) {
    // The same switch as navette-logback.xml's, for slf4j-simple (simplelogger.properties holds the rest).
    String level = System.getProperty("navette.log.level");
    if (level != null) {
      System.setProperty("org.slf4j.simpleLogger.log.fr.navette", level.toLowerCase(java.util.Locale.ROOT));
    }
    CommandLine cli = new CommandLine(new GateCommand());
    cli.setCommandName("navette gate");
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      // An outbox from a newer Navette (a downgrade): its own status, on which systemd does not restart the unit
      // (RestartPreventExitStatus=): restarting cannot help, reinstalling the newer version does.
      var newer = fr.navette.agent.OutboxFromNewerVersion.in(ex);
      commandLine.getErr().println("navette gate: " + newer.map(Throwable::getMessage).orElse(ex.getMessage()));
      return newer.isPresent() ? fr.navette.agent.OutboxFromNewerVersion.EXIT_CODE : 1;
    });
    System.exit(cli.execute(args));
  }
}
