package fr.navette.provisioning;

import picocli.CommandLine;

/**
 * {@code navette enrol} on its own, for a device's package ({@code navette-gate enrol}, {@code navette-kiosk enrol}
 * and the units' first-boot enrolment): the device's class path has this module but not the launcher's command
 * tree.
 */
public final class EnrolMain {
  private EnrolMain() {}

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new EnrolCommand());
    cli.setCommandName("navette enrol");
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("navette enrol: " + ex.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }
}
