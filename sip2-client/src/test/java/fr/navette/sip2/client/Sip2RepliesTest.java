package fr.navette.sip2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.LoginRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which reply answers which request, and how requests are named: the pure rules under HostileServerTest. */
class Sip2RepliesTest {
  private static final Sip2Timestamp NOW = Sip2Timestamp.local(Instant.parse("2026-01-15T10:15:00Z"), ZoneOffset.UTC);
  private static final Sip2Requests REQUESTS = new Sip2Requests(Sip2ClientConfig.builder().institution("RESEAU").build(),
      NOW);

  private static Sip2Message checkinReply(String... fields) {
    Sip2Message.Builder b = Sip2Message.builder(MessageType.CHECKIN_RESPONSE).zeroOne(true).flag(false).fixed("U")
        .flag(false).date(NOW);
    for (int i = 0; i < fields.length; i += 2) {
      b.field(fields[i], fields[i + 1]);
    }
    return b.build();
  }

  private static Sip2Message checkin(String item) {
    return Sip2Message.builder(MessageType.CHECKIN).flag(false).date(NOW).date(NOW).field("AP", "BR01")
        .field("AO", "RESEAU").field("AB", item).build();
  }

  private static Optional<String> mismatch(Sip2Message request, Sip2Message reply) {
    return Sip2Replies.mismatch(request, 4, false, new Received(reply, OptionalInt.empty()));
  }

  @Test
  void everyRequestHasItsReplyAndNothingElseIsSent() {
    for (MessageType t : MessageType.values()) {
      boolean request = switch (t.code()) {
        case "09", "11", "15", "17", "19", "23", "25", "29", "35", "37", "63", "65", "93", "99" -> true;
        default -> false;
      };
      if (request) {
        assertThat(Sip2Replies.replyTo(t).code()).as(t.code())
            .isEqualTo(t == MessageType.BLOCK_PATRON ? "24" : t == MessageType.SC_STATUS ? "98"
                : String.format("%02d", Integer.parseInt(t.code()) + 1));
      } else {
        assertThatThrownBy(() -> Sip2Replies.replyTo(t)).as(t.code()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("message " + t.code());
      }
    }
  }

  @Test
  void itemsAreComparedTrimmedIgnoringCaseAndAnAbsentOrEmptyItemIsAccepted() {
    Sip2Message req = checkin("bk-0042");
    assertThat(mismatch(req, checkinReply("AB", "BK-0042 "))).isEmpty();
    assertThat(mismatch(req, checkinReply("AO", "RESEAU"))).isEmpty();
    assertThat(mismatch(req, checkinReply("AB", ""))).isEmpty();
    assertThat(mismatch(req, checkinReply("AB", "BK-0043"))).hasValue("reply 10 names item BK-0043");
    // a second AB naming another item is not hidden behind a first one that matches
    assertThat(mismatch(req, checkinReply("AB", "bk-0042", "AB", "BK-0043"))).isPresent();
  }

  @Test
  void theBorrowerACheckinReplyNamesIsNotComparedWithAPatronTheRequestNeverHad() {
    assertThat(mismatch(checkin("BK-1"), checkinReply("AB", "BK-1", "AA", "2000000007"))).isEmpty();
  }

  @Test
  void patronsAreComparedAndShownMasked() {
    Sip2Message req = REQUESTS.patronStatus("2000000045", Optional.of("9876"));
    Sip2Message other = Sip2Message.builder(MessageType.PATRON_STATUS_RESPONSE).fixed("              ")
        .fixed("000").date(NOW).field("AE", "").field("AA", "2000000077").build();
    assertThat(mismatch(req, other)).hasValue("reply 24 names another patron (***77)");
    assertThat(Sip2Replies.describe(req)).isEqualTo("patron status (23) for patron ***45")
        .doesNotContain("9876");
  }

  @Test
  void withErrorDetectionTheSequenceMustBeOursButMayBeAbsent() {
    Sip2Message req = checkin("BK-1");
    Sip2Message reply = checkinReply("AB", "BK-1");
    assertThat(Sip2Replies.mismatch(req, 4, true, new Received(reply, OptionalInt.of(4)))).isEmpty();
    assertThat(Sip2Replies.mismatch(req, 4, true, new Received(reply, OptionalInt.empty()))).isEmpty();
    assertThat(Sip2Replies.mismatch(req, 4, true, new Received(reply, OptionalInt.of(3))))
        .hasValueSatisfying(m -> assertThat(m).contains("AY3").contains("AY4"));
    assertThat(Sip2Replies.mismatch(req, 4, false, new Received(reply, OptionalInt.of(3)))).isEmpty();
  }

  @Test
  void theLoginIsNamedByItsUserNeverItsPassword() {
    Sip2Message login = LoginRequest.of("hub", "s3cret", Optional.of("BR01")).toMessage();
    assertThat(Sip2Replies.describe(login)).isEqualTo("login (93) as user 'hub'");
    assertThat(Sip2Replies.describe(REQUESTS.checkout("2000000045", "BK-9", Optional.of("9876"))))
        .isEqualTo("checkout (11) of item BK-9 for patron ***45");
  }

  @Test
  void whatASigbSendsBackIsCutAndItsControlCharactersDefused() {
    assertThat(Sip2Replies.shown("BK\u001b[2J\u0007")).isEqualTo("BK?[2J?");
    assertThat(Sip2Replies.shown("9".repeat(1000))).hasSize(Sip2Replies.SHOWN + 1).endsWith("…");
  }
}
