package fr.navette.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.schema.Channel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the embedded broker does with a PUBLISH by its topic alone, for every shape a topic can have. */
class IntakeTopicsTest {

  @ParameterizedTest
  @ValueSource(strings = {"other/v1/BR01/box-1/return", "navettex/v1/BR01/box-1/return", "navette", "", "$SYS/x",
      "Navette/v1/BR01/box-1/return"})
  void outsideTheTreeItPasses(String topic) {
    assertThat(IntakeTopics.judge(topic)).isInstanceOf(IntakeTopics.Pass.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alarm", "return", "return-problem", "checkout", "renew", "count", "health", "config-ack",
      "command-ack"})
  void anIngestedChannelIsTakenToBeStored(String channel) {
    assertThat(IntakeTopics.judge("navette/v1/BR01/box-1/" + channel)).isInstanceOf(IntakeTopics.Take.class);
  }

  @Test
  void everyDeviceChannelButStateAndRequestIsTaken() {
    assertThat(IntakeTopics.ingestedChannels()).doesNotContain(Channel.REQUEST)
        .containsAll(Arrays.stream(Channel.values())
            .filter(c -> c.direction() == Channel.Direction.DEVICE_TO_HUB && c != Channel.REQUEST).toList());
    for (Channel channel : IntakeTopics.ingestedChannels()) {
      String topic = "navette/v1/BR01/box-1/" + channel.wireName();
      assertThat(IntakeTopics.judge(topic)).as(topic).isInstanceOf(IntakeTopics.ALWAYS_SUBSCRIBED.contains(channel)
          ? IntakeTopics.Pass.class : IntakeTopics.Take.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"state", "request", "config", "command", "response"})
  void channelsWithTheirOwnPathPass(String channel) {
    assertThat(IntakeTopics.judge("navette/v1/BR01/kiosk-1/" + channel)).isInstanceOf(IntakeTopics.Pass.class);
  }

  @Test
  void aBadSiteInsideAnIngestedTopicIsTakenForClassifyToSetAside() {
    assertThat(IntakeTopics.judge("navette/v1/BR 01/box-1/return")).isInstanceOf(IntakeTopics.Take.class);
    assertThat(IntakeTopics.judge("navette/v1/BR01/box#1/return")).isInstanceOf(IntakeTopics.Take.class);
    assertThat(IntakeTopics.judge("navette/v1/BR01//return")).isInstanceOf(IntakeTopics.Take.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "navette/v1/BR01/box-1/foo             | 'foo'",
      "navette/v1/BR01/box-1/Return          | 'Return'",
      "navette/v1/BR01/box-1/return/extra    | navette/v1/<site>/<device>/<channel>",
      "navette/v1/BR01/return                | navette/v1/<site>/<device>/<channel>",
      "navette/v1/BR01                       | navette/v1/<site>/<device>/<channel>",
      "navette/anything                      | navette/v1/<site>/<device>/<channel>",
      "navette/v2/BR01/box-1/return          | navette/v1/<site>/<device>/<channel>",
      "navette/V1/BR01/box-1/return          | navette/v1/<site>/<device>/<channel>",
      "navette/v1/BR01/box-1/                | channel",
  })
  void aTopicUnderNavetteButNotOfTheTreeIsRefusedWithTheReason(String topic, String named) {
    assertThat(IntakeTopics.judge(topic)).as(topic).isInstanceOfSatisfying(IntakeTopics.Refuse.class,
        refuse -> assertThat(refuse.reason()).contains(named));
  }

  @Test
  void anUnknownChannelIsRefusedListingTheKnownOnes() {
    IntakeTopics.Refuse refuse = (IntakeTopics.Refuse) IntakeTopics.judge("navette/v1/BR01/box-1/foo");
    assertThat(refuse.reason()).contains("'foo'").contains("return").contains("alarm").contains("command-ack");
  }
}
