package fr.navette.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Simulators: a SIGB speaking SIP2, RFID readers on a pty. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Simulators: a SIGB speaking SIP2, RFID readers on a pty.",
    subcommands = {SimSigbCommand.class, SimReaderCommand.class})
final class SimCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("navette sim: choose a simulator: sigb or reader (see ./navette sim --help)");
    return 2;
  }
}
