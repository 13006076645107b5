package fr.navette.kiosk.selfcheck;

import fr.navette.reader.EasState;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a document's security state on its tags and reads it back: a write the reader acknowledged is not yet
 * a tag the gate will ignore. Each tag gets {@code attempts} tries of write + read-back, and ends in one of
 * three states the kiosk's decisions rest on. Not thread-safe: the kiosk's loop owns the reader.
 */
final class TagSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(TagSecurity.class);

  /** What the kiosk knows of a tag after writing it. */
  enum TagState {
    /** Read back armed, or never written: no write to it was ever acknowledged. */
    ARMED,
    /** Read back disarmed. */
    DISARMED,
    /** A write was acknowledged but never read back (the tag left right after): it may be either. */
    UNKNOWN
  }

  private final RfidReader reader;
  private final SecurityPolicy policy;
  private final Duration timeout;
  private final int attempts;

  TagSecurity(RfidReader reader, SecurityPolicy policy, Duration timeout, int attempts) {
    this.reader = reader;
    this.policy = policy;
    this.timeout = timeout;
    this.attempts = attempts;
  }

  /**
   * Disarms the tags one by one, stopping at the first that cannot be: the rest stay untouched (armed).
   *
   * @return each tag's state, in the order given
   */
  Map<Uid, TagState> disarm(List<Uid> tags) {
    Map<Uid, TagState> states = new LinkedHashMap<>();
    tags.forEach(uid -> states.put(uid, TagState.ARMED));
    for (Uid uid : tags) {
      TagState state = write(uid, false, TagState.ARMED);
      states.put(uid, state);
      if (state != TagState.DISARMED) {
        break;
      }
    }
    return states;
  }

  /** Arms again every tag not known to be armed; returns the states after. */
  Map<Uid, TagState> rearm(Map<Uid, TagState> states) {
    Map<Uid, TagState> after = new LinkedHashMap<>(states);
    states.forEach((uid, state) -> {
      if (state != TagState.ARMED) {
        after.put(uid, write(uid, true, state));
      }
    });
    return after;
  }

  private TagState write(Uid uid, boolean arm, TagState before) {
    int afi = arm ? policy.afiToArm() : policy.afiToDisarm();
    TagState target = arm ? TagState.ARMED : TagState.DISARMED;
    TagState known = before;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        reader.writeAfi(uid, afi, timeout);
        if (policy.usesEas()) {
          reader.setEas(uid, arm, timeout);
        }
        known = TagState.UNKNOWN; // a write went through: until read back, it may be either
        known = readBack(uid);
        if (known == target) {
          return known;
        }
        LOG.warn("tag {}: read back {} after {} (attempt {})", uid, known, arm ? "arming" : "disarming", attempt);
      } catch (ReaderException e) {
        // The tag refused or did not answer: it was not written. Anything else (a lost reply) may hide a write.
        if (e.kind() != ReaderException.Kind.NO_TAG && e.kind() != ReaderException.Kind.TAG_ERROR) {
          known = TagState.UNKNOWN;
        }
        LOG.warn("tag {}: {} failed (attempt {}): {}", uid, arm ? "arming" : "disarming", attempt, e.getMessage());
      }
    }
    return known;
  }

  // The gate's own rule decides (SecurityPolicy.isArmed): anything it would not alarm on counts as disarmed.
  private TagState readBack(Uid uid) throws ReaderException {
    int afi = reader.systemInfo(uid, timeout).afi();
    boolean eas = policy.usesEas() && reader.readEas(uid, timeout) == EasState.SET;
    return policy.isArmed(afi, eas) ? TagState.ARMED : TagState.DISARMED;
  }
}
