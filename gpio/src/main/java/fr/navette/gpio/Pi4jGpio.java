package fr.navette.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Gpio} on a Pi4J 3 context holding exactly the two providers asked for (no auto-detection: a PC never
 * tries to load the Pi's native libraries, and a Pi never silently falls back to the mock).
 */
public class Pi4jGpio implements Gpio {
  private static final Logger LOG = LoggerFactory.getLogger(Pi4jGpio.class);

  private final Context context;
  private final GpioProvider provider;
  private final String inputProviderId;
  private final String outputProviderId;
  private final Map<String, Pi4jOut> outputs = new LinkedHashMap<>();
  private final Map<String, Pi4jIn> inputs = new LinkedHashMap<>();
  private final Map<Integer, String> claimedBcm = new LinkedHashMap<>();
  private boolean closed;

  protected Pi4jGpio(Context context, GpioProvider provider, String inputProviderId, String outputProviderId) {
    this.context = context;
    this.provider = provider;
    this.inputProviderId = inputProviderId;
    this.outputProviderId = outputProviderId;
  }

  /** Opens the board's pins through the given provider ({@code MOCK} gives a {@link MockGpio}). */
  public static Pi4jGpio open(GpioProvider provider) {
    return switch (provider) {
      case MOCK -> MockGpio.create();
      case GPIOD -> new Pi4jGpio(Pi4J.newContextBuilder().noAutoDetect()
          .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
          .disableShutdownHook().build(), provider, GpioDDigitalInputProvider.ID, GpioDDigitalOutputProvider.ID);
      case LINUXFS -> new Pi4jGpio(Pi4J.newContextBuilder().noAutoDetect()
          .add(LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance())
          .disableShutdownHook().build(), provider, LinuxFsDigitalInputProvider.ID, LinuxFsDigitalOutputProvider.ID);
    };
  }

  static Context mockContext() {
    return Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
        .disableShutdownHook().build();
  }

  static String mockInputProviderId() {
    return MockDigitalInputProvider.ID;
  }

  static String mockOutputProviderId() {
    return MockDigitalOutputProvider.ID;
  }

  @Override
  public synchronized DigitalOut output(PinSpec pin) {
    claim(pin);
    boolean inactiveLevel = pin.polarity().levelFor(false);
    DigitalOutput line;
    try {
      line = context.create(DigitalOutput.newConfigBuilder(context).id(pin.name()).name(pin.name())
          .address(pin.bcm()).initial(state(inactiveLevel)).shutdown(state(inactiveLevel))
          .provider(outputProviderId));
    } catch (RuntimeException e) {
      claimedBcm.remove(pin.bcm());
      throw new GpioException("output " + pin.name() + " (BCM " + pin.bcm() + ") refused by " + provider.configName()
          + ": " + e.getMessage(), e);
    }
    Pi4jOut out = new Pi4jOut(pin, line);
    outputs.put(pin.name(), out);
    LOG.info("GPIO output {} on BCM {} ({}, {})", pin.name(), pin.bcm(), pin.polarity().configName(),
        provider.configName());
    return out;
  }

  @Override
  public synchronized DigitalIn input(PinSpec pin, Pull pull, Duration debounce) {
    Objects.requireNonNull(pull, "pull");
    if (debounce.isNegative()) {
      throw new GpioException("input " + pin.name() + ": debounce must not be negative, got " + debounce);
    }
    claim(pin);
    DigitalInput line;
    try {
      DigitalInputConfigBuilder config = DigitalInput.newConfigBuilder(context).id(pin.name()).name(pin.name())
          .address(pin.bcm()).pull(switch (pull) {
            case OFF -> PullResistance.OFF;
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
          }).provider(inputProviderId);
      config.debounce(debounce.toNanos() / 1000);
      line = context.create(config);
    } catch (RuntimeException e) {
      claimedBcm.remove(pin.bcm());
      throw new GpioException("input " + pin.name() + " (BCM " + pin.bcm() + ") refused by " + provider.configName()
          + ": " + e.getMessage(), e);
    }
    Pi4jIn in = new Pi4jIn(pin, line);
    inputs.put(pin.name(), in);
    LOG.info("GPIO input {} on BCM {} ({}, pull {}, debounce {} µs, {})", pin.name(), pin.bcm(),
        pin.polarity().configName(), pull, debounce.toNanos() / 1000, provider.configName());
    return in;
  }

  @Override
  public synchronized DigitalOut output(String name) {
    Pi4jOut out = outputs.get(name);
    if (out == null) {
      throw new GpioException("no output named " + name + " (outputs: " + outputs.keySet() + ")");
    }
    return out;
  }

  @Override
  public synchronized DigitalIn input(String name) {
    Pi4jIn in = inputs.get(name);
    if (in == null) {
      throw new GpioException("no input named " + name + " (inputs: " + inputs.keySet() + ")");
    }
    return in;
  }

  @Override
  public GpioProvider provider() {
    return provider;
  }

  /** The Pi4J line behind a claimed input, for {@link MockGpio} to drive. */
  protected synchronized DigitalInput inputLine(String name) {
    return ((Pi4jIn) input(name)).line;
  }

  /** The Pi4J line behind a claimed output, for {@link MockGpio} to read. */
  protected synchronized DigitalOutput outputLine(String name) {
    return ((Pi4jOut) output(name)).line;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Pi4jOut out : outputs.values()) {
      try {
        out.set(false);
      } catch (RuntimeException e) {
        LOG.warn("could not switch output {} off at close: {}", out.name(), e.getMessage());
      }
    }
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      LOG.warn("Pi4J context shutdown: {}", e.getMessage());
    }
  }

  private void claim(PinSpec pin) {
    if (closed) {
      throw new GpioException("GPIO already closed; cannot claim " + pin.name());
    }
    if (outputs.containsKey(pin.name()) || inputs.containsKey(pin.name())) {
      throw new GpioException("pin name " + pin.name() + " is already claimed");
    }
    String holder = claimedBcm.putIfAbsent(pin.bcm(), pin.name());
    if (holder != null) {
      throw new GpioException("BCM " + pin.bcm() + " asked for " + pin.name() + " is already " + holder);
    }
  }

  static DigitalState state(boolean high) {
    return high ? DigitalState.HIGH : DigitalState.LOW;
  }

  private static final class Pi4jOut implements DigitalOut {
    private final PinSpec pin;
    private final DigitalOutput line;
    private volatile boolean on;

    Pi4jOut(PinSpec pin, DigitalOutput line) {
      this.pin = pin;
      this.line = line;
    }

    @Override
    public PinSpec pin() {
      return pin;
    }

    @Override
    public void set(boolean active) {
      try {
        line.state(state(pin.polarity().levelFor(active)));
      } catch (RuntimeException e) {
        throw new GpioException("output " + pin.name() + " (BCM " + pin.bcm() + ") could not be set "
            + (active ? "on" : "off") + ": " + e.getMessage(), e);
      }
      on = active;
    }

    @Override
    public boolean isOn() {
      return on;
    }
  }

  private static final class Pi4jIn implements DigitalIn {
    private final PinSpec pin;
    private final DigitalInput line;
    private final List<InputListener> listeners = new CopyOnWriteArrayList<>();

    Pi4jIn(PinSpec pin, DigitalInput line) {
      this.pin = pin;
      this.line = line;
      line.addListener(event -> {
        long now = System.nanoTime();
        boolean active = pin.polarity().activeAt(event.state() == DigitalState.HIGH);
        for (InputListener listener : listeners) {
          try {
            listener.changed(this, active, now);
          } catch (RuntimeException e) {
            LOG.warn("listener of input {} failed: {}", pin.name(), e.toString());
          }
        }
      });
    }

    @Override
    public PinSpec pin() {
      return pin;
    }

    @Override
    public boolean isActive() {
      return pin.polarity().activeAt(line.state() == DigitalState.HIGH);
    }

    @Override
    public void onChange(InputListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
    }
  }
}
