package fr.navette.launcher.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A box in the run's own JVM. */
final class InProcessBox implements ChaosBox {
  private final String site;
  private final String deviceId;
  private final BoxCore core;

  InProcessBox(String site, String deviceId, Path identityDir, String brokerUri, Path dataDir, List<String> isils,
               Duration offset) {
    this.site = site;
    this.deviceId = deviceId;
    this.core = new BoxCore(site, deviceId, identityDir, brokerUri, dataDir, isils, offset);
  }

  @Override
  public String site() {
    return site;
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public BoxCore.Dropped drop(long uid, String itemId, String ownerIsil) {
    return core.drop(uid, itemId, ownerIsil, Duration.ofSeconds(15));
  }

  @Override
  public void clockOffset(Duration offset) {
    core.clockOffset(offset);
  }

  @Override
  public long lastSequence() {
    return core.lastSequence();
  }

  @Override
  public void close() {
    core.close();
  }
}
