package fr.navette.launcher.kiosk;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.FlatSettings;
import fr.navette.agent.ShutdownSignal;
import fr.navette.gpio.Gpio;
import fr.navette.gpio.Pi4jGpio;
import fr.navette.kiosk.returnbox.Bin;
import fr.navette.kiosk.returnbox.ReturnBox;
import fr.navette.kiosk.returnbox.ReturnBoxAgent;
import fr.navette.kiosk.returnbox.ReturnBoxSettings;
import fr.navette.kiosk.selfcheck.EscPosPrinter;
import fr.navette.kiosk.selfcheck.Printer;
import fr.navette.kiosk.selfcheck.SelfCheckAgent;
import fr.navette.kiosk.selfcheck.SelfCheckSettings;
import fr.navette.launcher.gate.DeviceRuntimeOptions;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import fr.navette.identity.DeviceKind;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the kiosk agent on a device: a self-check kiosk or a self-return box, as its settings file's
 * {@code mode} says. The file is read and checked whole before anything starts; a wrong line is named.
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true,
    description = {"Runs a self-check kiosk or a self-return box (mode=self-check|return-box in --config).",
        "Lance un automate de prêt ou une boîte de retour (mode=self-check|return-box dans --config).",
        "",
        "Enrolled (navette enrol --dir DIR): --identity DIR gives the id, site and broker, TLS with the device's"
            + " certificate, renewed before it ends."})
public final class KioskCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(KioskCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true,
      description = "Settings file (key=value); keys in kiosk-agent/README.md.")
  Path config;

  @Mixin DeviceRuntimeOptions device;

  @Option(names = "--data", defaultValue = "navette-kiosk-data",
      description = "Folder for the durable outbox and the kept config (default: ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Map<String, String> file;
    try {
      file = FlatSettings.load(config);
    } catch (NoSuchFileException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--config: no such file " + config);
    }
    file = new java.util.LinkedHashMap<>(file);
    String mode = file.getOrDefault("mode", "");
    try {
      device.fillFromIdentity(file, switch (mode) {
        case ReturnBoxSettings.MODE -> Set.of(DeviceKind.RETURN_BOX);
        case SelfCheckSettings.MODE -> Set.of(DeviceKind.SELF_CHECK);
        default -> Set.of(DeviceKind.RETURN_BOX, DeviceKind.SELF_CHECK);
      });
      return switch (mode) {
        case ReturnBoxSettings.MODE -> returnBox(ReturnBoxSettings.parse(file));
        case SelfCheckSettings.MODE -> selfCheck(SelfCheckSettings.parse(file));
        default -> throw new IllegalArgumentException("mode: " + ReturnBoxSettings.MODE + " or "
            + SelfCheckSettings.MODE + ", got '" + mode + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), config + ": " + e.getMessage());
    }
  }

  private int returnBox(ReturnBoxSettings settings) throws InterruptedException {
    String port = settings.readerPort().orElseThrow(() -> new IllegalArgumentException("reader.port: required"));
    try (ShutdownSignal signal = ShutdownSignal.install();
         Gpio gpio = Pi4jGpio.open(settings.gpioProvider());
         ReturnBoxAgent box = new ReturnBoxAgent(settings.box(),
             new ReturnBoxAgent.Wiring(gpio, settings.bins(), settings.slot(), settings.receiptButton(),
                 settings.printer()), settings.readerProtocol().open(port),
             runtime(settings.box().site(), settings.box().deviceId()), Clock.systemUTC(), new ToTheLog())) {
      box.start();
      System.out.println("Return box " + settings.box().deviceId() + " (" + settings.box().site() + "): "
          + settings.readerProtocol().configName() + " reader on " + port + ", " + settings.bins().diverters().size()
          + " bins, hub at " + device.broker());
      signal.await();
    }
    return 0;
  }

  private int selfCheck(SelfCheckSettings settings) throws InterruptedException {
    String port = settings.readerPort().orElseThrow(() -> new IllegalArgumentException("reader.port: required"));
    RfidReader reader = settings.readerProtocol().open(port);
    Optional<EscPosPrinter> printer = settings.kiosk().printerPort().map(EscPosPrinter::onSerial);
    try (ShutdownSignal signal = ShutdownSignal.install();
         SelfCheckAgent kiosk = SelfCheckAgent.start(settings.kiosk(), reader,
             runtime(settings.kiosk().site(), settings.kiosk().deviceId()), settings.web(), Optional.empty(),
             printer.map(p -> (Printer) p), Clock.systemUTC(), ZoneId.systemDefault())) {
      System.out.println("Kiosk " + settings.kiosk().site() + ": http://" + settings.web().getHostString() + ":"
          + kiosk.webPort() + "/");
      signal.await();
    } finally {
      printer.ifPresent(EscPosPrinter::close);
    }
    return 0;
  }

  private DeviceRuntime.Settings runtime(String site, String deviceId) {
    return device.settings(site, deviceId, data);
  }

  /** A box with no screen of its own: what it did goes to the log, staff read it there and on the dashboard. */
  private static final class ToTheLog implements ReturnBox.ReturnListener {
    @Override
    public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {
      LOG.info("document {} accepted → bin {}", itemId, bin.configName());
    }

    @Override
    public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {
      LOG.warn("document refused ({}): {} → bin {}", problem, detail, bin.configName());
    }
  }
}
