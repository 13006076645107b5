package fr.navette.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.schema.SchemaException;
import org.junit.jupiter.api.Test;

/** Which channels keep their bytes in quarantine, and reasons that never quote a patron's values. */
class PersonalChannelsTest {
  @Test
  void onlyChannelsKnownToNameNobodyKeepTheirBytes() {
    for (String channel : new String[] {"alarm", "return", "return-problem", "count", "state", "health", "config-ack",
        "command-ack"}) {
      assertThat(PersonalChannels.keepsBytes("navette/v1/BR01/dev-1/" + channel)).as(channel).isTrue();
    }
    for (String channel : new String[] {"checkout", "renew", "request", "response", "some-new-channel", ""}) {
      assertThat(PersonalChannels.keepsBytes("navette/v1/BR01/dev-1/" + channel)).as(channel).isFalse();
    }
    assertThat(PersonalChannels.keepsBytes("not/a/navette/topic/request")).isFalse();
    assertThat(PersonalChannels.keepsBytes(null)).isFalse();
  }

  @Test
  void aReasonOnAPersonalChannelNamesTheFieldNeverItsValue() {
    SchemaException parser = new SchemaException("$", "not JSON: Unrecognized token '2000000042': was expecting");
    SchemaException patron = new SchemaException("patronRef", "expected a patron pseudonym, got ********42");
    SchemaException item = new SchemaException("itemId", "missing");
    assertThat(PersonalChannels.reason("navette/v1/BR01/k/checkout", parser)).doesNotContain("2000000042")
        .startsWith("$: not valid");
    assertThat(PersonalChannels.reason("navette/v1/BR01/k/renew", patron)).isEqualTo(
        "patronRef: not valid (value not shown: this channel carries personal data)");
    assertThat(PersonalChannels.reason("navette/v1/BR01/k/checkout", item)).isEqualTo("itemId: missing");
    assertThat(PersonalChannels.reason("navette/v1/BR01/box/return", parser)).contains("2000000042");
    assertThat(PersonalChannels.reason("navette/v1/BR01/k/checkout", new IllegalStateException("card 2000000042")))
        .isEqualTo("java.lang.IllegalStateException");
  }
}
