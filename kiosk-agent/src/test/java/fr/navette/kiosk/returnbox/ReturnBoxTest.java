package fr.navette.kiosk.returnbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.agent.SqliteOutbox;
import fr.navette.reader.Uid;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnBoxTest {
  private static final Uid BOOK = Uid.parse("E004010012345678");
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T17:30:00Z"), ZoneOffset.UTC);
  private final VirtualField field = new VirtualField();
  private final List<String> refused = new ArrayList<>();
  @TempDir Path dir;
  private SqliteOutbox outbox;

  private ReturnBox box() {
    outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "box-BR02-1", clock);
    return new ReturnBox(ReturnBoxConfig.of("BR02", "box-BR02-1"), new SimulatedReader(field), outbox, () -> {},
        clock, new ReturnBox.ReturnListener() {
          @Override
          public void accepted(Uid uid, String itemId, boolean rearmed) {}

          @Override
          public void refused(Uid uid, String reason) {
            refused.add(uid + ": " + reason);
          }
        });
  }

  @AfterEach
  void closeOutbox() {
    outbox.close();
  }

  @Test
  void aReturnedDocumentIsReArmedAndItsReturnStoredOnce() throws Exception {
    SimulatedTag tag = SimulatedTag.forItem(BOOK, "0012345678", "FR-BR01", SecurityPolicy.ISO_ON_LOAN_AFI);
    field.put(tag);
    ReturnBox box = box();

    box.poll();
    box.poll(); // still in the field: not a second return

    assertThat(tag.afi()).isEqualTo(SecurityPolicy.ISO_ARMED_AFI);
    assertThat(outbox.oldest(10)).hasSize(1);
    ReturnEvent event = EventCodec.decodeReturn(outbox.oldest(1).getFirst().payload());
    assertThat(event.itemId()).isEqualTo("0012345678");
    assertThat(event.returnedAt()).isEqualTo(clock.instant());
    assertThat(event.header().deviceId()).isEqualTo("box-BR02-1");
  }

  @Test
  void theSameDocumentReturnedAgainAfterLeavingIsASecondReturn() throws Exception {
    SimulatedTag tag = SimulatedTag.forItem(BOOK, "0012345678", "FR-BR01", SecurityPolicy.ISO_ON_LOAN_AFI);
    ReturnBox box = box();
    field.put(tag);
    box.poll();
    field.remove(BOOK);
    box.poll();
    field.put(tag);
    box.poll();

    assertThat(outbox.depth()).isEqualTo(2);
  }

  @Test
  void aBlankTagIsRefusedWithItsReasonAndStoresNothing() throws Exception {
    field.put(SimulatedTag.blank(BOOK));
    ReturnBox box = box();

    box.poll();

    assertThat(outbox.depth()).isZero();
    assertThat(refused).singleElement().asString().contains(BOOK.toString());
  }
}
