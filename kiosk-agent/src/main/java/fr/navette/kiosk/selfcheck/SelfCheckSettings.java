package fr.navette.kiosk.selfcheck;

import fr.navette.agent.FlatSettings;
import fr.navette.kiosk.AgentSettings;
import fr.navette.reader.protocol.ReaderProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * A self-check kiosk's settings file ({@code mode=self-check}; the keys of {@link #DEFAULTS}), parsed once and
 * validated whole: an unknown key or a bad value is refused with the key named and what was expected.
 *
 * @param web where the kiosk's page listens: 127.0.0.1 on a Pi, where Chromium shows it full screen
 */
public record SelfCheckSettings(KioskConfig kiosk, Optional<String> readerPort, ReaderProtocol readerProtocol,
                                InetSocketAddress web) {
  /** The value of {@code mode} that makes the agent a self-check kiosk. */
  public static final String MODE = "self-check";

  /** Every key a self-check kiosk understands, with its default ({@code ""}: none). */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = AgentSettings.commonDefaults();
    d.put("request-deadline-ms", "8000");
    d.put("idle-timeout-s", "90");
    d.put("pad-scan-ms", "300");
    d.put("disarm-attempts", "3");
    d.put("web.bind", "127.0.0.1");
    d.put("web.port", "8090");
    d.put("library.name", "");
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  /** @throws IllegalArgumentException naming the key at fault */
  public static SelfCheckSettings parse(Map<String, String> settings) {
    FlatSettings s = AgentSettings.read("self-check kiosk", MODE, DEFAULTS, settings);
    KioskConfig kiosk = new KioskConfig(s.required("site"), s.required("device-id"),
        AgentSettings.security(s), s.millis("reader.timeout-ms", 10, 60_000),
        s.millis("request-deadline-ms", 100, 120_000),
        Duration.ofSeconds(s.number("idle-timeout-s", 10, 3_600)), s.millis("pad-scan-ms", 20, 10_000),
        (int) s.number("disarm-attempts", 1, 10), s.optional("printer.port"), s.optional("library.name"));
    return new SelfCheckSettings(kiosk, s.optional("reader.port"), s.parse("reader.protocol", ReaderProtocol::parse),
        new InetSocketAddress(s.required("web.bind"), (int) s.number("web.port", 0, 65_535)));
  }
}
