package fr.navette.hub.devices;

import fr.navette.hub.text.Said;
import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.answer;

import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.JsonBody;
import fr.navette.schema.ResendRequest;
import fr.navette.schema.SchemaException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /api/devices}; a device's configuration and commands ({@code POST /api/devices/{id}/config},
 * {@code .../commands}: admin tokens only), each checked whole before it is sent.
 */
public final class DevicesService implements HttpService {
  /** How long a command may wait for its device: a "silence the alarm" is for today, not for next week. */
  static final long MAX_COMMAND_VALIDITY_SECONDS = 86_400;
  private static final long DEFAULT_COMMAND_VALIDITY_SECONDS = 300;

  private final DeviceRegistry devices;
  private final DeviceControl control;

  public DevicesService(DeviceRegistry devices, DeviceControl control) {
    this.devices = devices;
    this.control = control;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/devices", (req, res) -> answer(res, devices::list))
        .post("/api/devices/{id}/config", (req, res) -> answer(res, () -> {
          DeviceRegistry.Device device = device(req);
          Map<String, String> settings = JsonBody.of(req).scalars("settings", true);
          return control.sendConfig(device.site(), device.deviceId(), settings);
        }))
        .post("/api/devices/{id}/commands", (req, res) -> answer(res, () -> {
          // Everything is checked before the command leaves: once sent, it is not sent again, so the answer
          // must not fail after it (a 500 there made staff send it twice).
          DeviceRegistry.Device device = device(req);
          JsonBody body = JsonBody.of(req);
          String name = body.text("name");
          Map<String, String> args = body.scalars("args", false);
          checkArgs(name, args);
          Duration validFor = Duration.ofSeconds(body.wholeNumber("validForSeconds",
              DEFAULT_COMMAND_VALIDITY_SECONDS, 1, MAX_COMMAND_VALIDITY_SECONDS));
          return control.sendCommand(device.site(), device.deviceId(), name, args, validFor);
        }));
  }

  /**
   * The arguments of the commands the hub knows (the gate's {@code test-alarm}: 1 to 120 seconds; every device's
   * {@code resend}: ranges of sequence numbers), refused here
   * with a 400 naming what is wrong rather than by the device later, in an acknowledgement staff may not read.
   * Other commands are the devices' own: sent as they are.
   */
  static void checkArgs(String name, Map<String, String> args) {
    if (ResendRequest.NAME.equals(name)) {
      try {
        ResendRequest.parse(args);
      } catch (SchemaException e) {
        throw ApiProblem.badRequest("args." + e.getMessage());
      }
    }
    if ("test-alarm".equals(name) && args.containsKey("seconds")) {
      String seconds = args.get("seconds").strip();
      if (!seconds.matches("\\d{1,3}") || Integer.parseInt(seconds) < 1 || Integer.parseInt(seconds) > 120) {
        throw ApiProblem.badRequest("args.seconds of test-alarm must be a whole number of seconds from 1 to 120, got '"
            + abbreviated(seconds) + "'");
      }
    }
  }

  private DeviceRegistry.Device device(ServerRequest req) {
    String id = req.path().pathParameters().get("id");
    return devices.find(id).orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-device", abbreviated(id))));
  }
}
