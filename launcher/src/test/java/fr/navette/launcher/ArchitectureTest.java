package fr.navette.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN §7: dependencies point one way — apps → adapters → pure libraries; apps never depend on each other. */
class ArchitectureTest {
  private static final String[] PURE = {"fr.navette.tag..", "fr.navette.sip2.codec..", "fr.navette.schema.."};
  private static final String[] ADAPTERS = {"fr.navette.sip2.client..", "fr.navette.reader..", "fr.navette.agent..",
      "fr.navette.gpio..",
      "fr.navette.printer..",
      "fr.navette.broker..",
      "fr.navette.identity..",

      "fr.navette.mqtt.."};
  private static final String[] SIMULATORS = {"fr.navette.sim.."};
  private static final String[] APPS = {"fr.navette.hub..", "fr.navette.gate..", "fr.navette.kiosk..",
      "fr.navette.provisioning.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importProduction() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // test kits shared as test-jars (mqtt's TestMqttClient) are test code too
        .withImportOption(location -> !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*")))
        .importPackages("fr.navette");
  }

  @Test
  void pureLibrariesDependOnNothingOfOursAndDoNoIo() {
    for (String pure : PURE) {
      noClasses().that().resideInAPackage(pure)
          .should().dependOnClassesThat().resideInAnyPackage(others(pure))
          .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..",
              "java.sql..", "javax.net..")
          .because("pure libraries are bytes in, values out (DESIGN §7)")
          .check(classes);
    }
  }

  @Test
  void adaptersAndSimulatorsDoNotDependOnApps() {
    noClasses().that().resideInAnyPackage(concat(ADAPTERS, SIMULATORS))
        .should().dependOnClassesThat().resideInAnyPackage(APPS)
        .check(classes);
    noClasses().that().resideInAnyPackage(ADAPTERS)
        .should().dependOnClassesThat().resideInAnyPackage(SIMULATORS)
        .because("fakes sit at the edge; production code never needs them")
        .check(classes);
  }

  @Test
  void appsNeverDependOnEachOther() {
    for (String app : APPS) {
      noClasses().that().resideInAPackage(app)
          .should().dependOnClassesThat().resideInAnyPackage(without(APPS, app))
          .allowEmptyShould(true) // an app with no code yet has nothing to break
          .check(classes);
    }
  }

  @Test
  void appsDoNotDependOnSimulators() {
    noClasses().that().resideInAnyPackage(APPS)
        .should().dependOnClassesThat().resideInAnyPackage(SIMULATORS)
        .because("only the launcher composes simulators with apps (demo, tests)")
        .check(classes);
  }

  @Test
  void bigThirdPartyLibrariesLiveInTheirOneAdapter() {
    confined("com.hivemq..", "fr.navette.broker..", "HiveMQ is the embedded broker's business");
    confined("com.fazecast..", "fr.navette.reader..", "jSerialComm stays behind our SerialLine (reader-drivers)");
    confined("com.pi4j..", "fr.navette.gpio..", "Pi4J stays behind our Gpio interface");
    confinedTo("org.eclipse.paho..", "Paho stays behind our MqttSession (mqtt module: its traps are closed there once)",
        "fr.navette.mqtt..");
  }

  /**
   * No package cycles anywhere: each package is a slice (the hub's features included, {@code fr.navette.hub} — the
   * composition root — against its sub-packages too), so a feature that needs another's class goes one way only.
   */
  @Test
  void noPackageCycles() {
    slices().matching("fr.navette.(**)")
        .should().beFreeOfCycles()
        .check(classes);
  }

  /** The hub by feature: no two of its features (and what they share) lean on each other. */
  @Test
  void hubFeaturesAreFreeOfCycles() {
    slices().matching("fr.navette.hub.(*)..")
        .should().beFreeOfCycles()
        .check(classes);
  }

  private static void confined(String library, String home, String why) {
    confinedTo(library, why, home);
  }

  private static void confinedTo(String library, String why, String... homes) {
    noClasses().that().resideOutsideOfPackages(homes)
        .should().dependOnClassesThat().resideInAPackage(library)
        .because(why)
        .check(classes);
  }

  private static String[] others(String pure) {
    return concat(without(PURE, pure), concat(ADAPTERS, concat(SIMULATORS, concat(APPS,
        new String[] {"fr.navette.launcher.."}))));
  }

  private static String[] without(String[] all, String one) {
    return java.util.Arrays.stream(all).filter(p -> !p.equals(one)).toArray(String[]::new);
  }

  private static String[] concat(String[] a, String[] b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
        .toArray(String[]::new);
  }
}
