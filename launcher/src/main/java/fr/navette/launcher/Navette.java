package fr.navette.launcher;

import fr.navette.agent.OutboxFromNewerVersion;
import fr.navette.hub.store.StoreFromNewerVersion;
import fr.navette.launcher.gate.GateCommand;
import fr.navette.launcher.kiosk.KioskCommand;
import fr.navette.provisioning.EnrolCommand;
import fr.navette.provisioning.ProvisionCommand;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code ./navette}. Each command of DESIGN §8 is its own class;
 * register it in {@link #commandLine()}.
 */
@Command(
    name = "navette",
    mixinStandardHelpOptions = true,
    versionProvider = Navette.Version.class,
    description = {
      "Navette — RFID gates, kiosks, return boxes and the hub of a library network.",
      "Navette — portiques RFID, automates de prêt et de retour, et le hub d'un réseau de lecture publique."
    },
    subcommandsRepeatable = false)
public final class Navette implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Before any logger exists: HiveMQ's jar carries a logback.xml that would otherwise compete with ours.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "navette-logback.xml");
    }
    // Helidon logs through java.util.logging: route it to the same place as everything else.
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    System.exit(commandLine().execute(args));
  }

  /** Built here so that tests run the same command line as the script. */
  public static CommandLine commandLine() {
    return commandLine(System::getenv);
  }

  /** As {@link #commandLine()}, with {@code environment} where the commands read variables (tests). */
  public static CommandLine commandLine(Function<String, String> environment) {
    CommandLine cli = new CommandLine(new Navette());
    cli.addSubcommand(new DemoCommand());
    cli.addSubcommand(new ChaosCommand());
    cli.addSubcommand(new HubCommand(environment));
    cli.addSubcommand(new KioskCommand());
    cli.addSubcommand(new GateCommand());
    cli.addSubcommand(new TagCommand());
    cli.addSubcommand(new Sip2Command());
    cli.addSubcommand(new SimCommand());
    cli.addSubcommand(new ProvisionCommand(environment));
    cli.addSubcommand(new EnrolCommand());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // Data written by a newer Navette (a downgrade): its own status, on which systemd does not restart the
          // unit (RestartPreventExitStatus=): restarting cannot help, reinstalling the newer version does.
          Optional<? extends RuntimeException> newer = StoreFromNewerVersion.in(ex).isPresent()
              ? StoreFromNewerVersion.in(ex) : OutboxFromNewerVersion.in(ex);
          commandLine.getErr().println("navette: " + newer.map(Throwable::getMessage).orElse(ex.getMessage()));
          return newer.isPresent() ? StoreFromNewerVersion.EXIT_CODE : 1;
        });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try ./navette --help");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Navette.class.getPackage().getImplementationVersion();
      return new String[] {"navette " + (v == null ? "development build" : v)};
    }
  }
}
