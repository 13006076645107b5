package fr.navette.gate.reading;

import fr.navette.gate.alarm.ItemIdentity;
import fr.navette.reader.Uid;
import fr.navette.schema.AlarmEvent.Direction;
import java.time.Instant;

/**
 * An alarm the gate fired: which tag, which document (or why it is unknown), on which antenna, which way the
 * person walked, and when (device time). The outputs were already on when this was made.
 */
public record Detection(Uid uid, ItemIdentity identity, int antenna, Direction direction, Instant detectedAt) {}
