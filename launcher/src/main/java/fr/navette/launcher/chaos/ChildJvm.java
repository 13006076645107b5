package fr.navette.launcher.chaos;

import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM on this process's own class path: a hub or a box the run can kill -9. */
final class ChildJvm {
  private ChildJvm() {}

  static List<String> command(String mainClass, List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xss512k",
        // gate.jar on the tests' class path names slf4j-simple in its manifest: pick logback explicitly
        "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider", "-Dslf4j.internal.verbosity=WARN",
        "-cp", System.getProperty("java.class.path"), mainClass));
    if (Runtime.version().feature() >= 23) { // as ./navette: Guava's and Netty's sun.misc.Unsafe would warn
      command.add(1, "--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(args);
    return command;
  }
}
