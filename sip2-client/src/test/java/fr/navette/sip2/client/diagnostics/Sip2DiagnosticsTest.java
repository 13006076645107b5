package fr.navette.sip2.client.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2ConnectionException;
import fr.navette.sip2.client.Sip2LoginException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every diagnostics command over real TCP against the simulator, read back as JSON. */
class Sip2DiagnosticsTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private SigbSimulator sim;
  private SimulatedNetwork net;

  @BeforeEach
  void start() {
    sim = SigbSimulator.start(SigbSimulatorConfig.builder().seed(11)
        .size(new SigbSimulatorConfig.NetworkSize(15, 3000, 300)).user("admin").password("pw").build());
    net = sim.network();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Sip2ClientConfig.Builder client() {
    return Sip2ClientConfig.builder().host("127.0.0.1").port(sim.port()).user("admin").password("pw")
        .location("BR02").institution("RESEAU").requestTimeout(Duration.ofSeconds(5));
  }

  private JsonNode run(String command, List<String> args, Optional<String> pin) throws Exception {
    Sip2Diagnostics.Result r = new Sip2Diagnostics(client().build()).run(command, args, pin, Optional.empty());
    assertThat(r.json()).doesNotContain("\n");
    return mapper.readTree(r.json());
  }

  private Patron goodPatron() {
    return net.patrons().stream().filter(p -> !p.isBlocked() && net.balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS)
        .findFirst().orElseThrow();
  }

  private Item available() {
    return net.items().stream().filter(i -> net.loanOf(i.id()).isEmpty() && net.holdFor(i.id()).isEmpty())
        .findFirst().orElseThrow();
  }

  @Test
  void login() throws Exception {
    Sip2Diagnostics.Result ok = new Sip2Diagnostics(client().build()).run("login", List.of(), Optional.empty(),
        Optional.empty());
    assertThat(ok.accepted()).isTrue();
    assertThat(mapper.readTree(ok.json()).get("ok").asBoolean()).isTrue();
    Sip2Diagnostics.Result refused = new Sip2Diagnostics(client().password("nope").build())
        .run("login", List.of(), Optional.empty(), Optional.empty());
    assertThat(refused.accepted()).isFalse();
    assertThat(mapper.readTree(refused.json()).get("ok").asBoolean()).isFalse();
  }

  @Test
  void status() throws Exception {
    JsonNode j = run("status", List.of(), Optional.empty());
    assertThat(j.get("message").asText()).isEqualTo("98");
    assertThat(j.get("onlineStatus").asBoolean()).isTrue();
    assertThat(j.get("protocolVersion").asText()).isEqualTo("2.00");
    assertThat(j.get("libraryName").asText()).contains("médiathèques");
  }

  @Test
  void patronStatusChecksThePin() throws Exception {
    Patron p = goodPatron();
    JsonNode right = run("patron-status", List.of(p.id()), Optional.of(p.pin()));
    assertThat(right.get("validPatron").asText()).isEqualTo("Y");
    assertThat(right.get("validPatronPassword").asText()).isEqualTo("Y");
    assertThat(right.get("personalName").asText()).isEqualTo(p.name());
    JsonNode wrong = run("patron-status", List.of(p.id()), Optional.of(p.pin() + "9"));
    assertThat(wrong.get("validPatronPassword").asText()).isEqualTo("N");
    assertThat(wrong.get("screenMessage").get(0).asText()).contains("PIN");
    assertThat(wrong.toString()).doesNotContain("\"" + p.pin() + "\"");
  }

  @Test
  void patronInfoListsTheLoans() throws Exception {
    Patron p = net.patrons().stream().filter(x -> net.loansOf(x.id()).size() >= 2).findFirst().orElseThrow();
    JsonNode j = run("patron-info", List.of(p.id()), Optional.empty());
    assertThat(j.get("chargedItemsCount").asInt()).isEqualTo(net.loansOf(p.id()).size());
    assertThat(j.get("chargedItems")).hasSize(net.loansOf(p.id()).size());
  }

  @Test
  void itemInfo() throws Exception {
    Item item = net.items().stream().filter(i -> net.loanOf(i.id()).isPresent()).findFirst().orElseThrow();
    JsonNode j = run("item-info", List.of(item.id()), Optional.empty());
    assertThat(j.get("circulationStatus").asText()).isEqualTo("04");
    assertThat(j.get("circulationStatusDescription").asText()).isEqualTo("charged");
    assertThat(j.get("titleIdentifier").asText()).isEqualTo(item.title());
    assertThat(j.get("dueDate").asText()).hasSize(18);
  }

  @Test
  void checkoutRenewCheckinEndSession() throws Exception {
    Patron p = goodPatron();
    Item item = available();
    JsonNode out = run("checkout", List.of(p.id(), item.id()), Optional.of(p.pin()));
    assertThat(out.get("ok").asBoolean()).isTrue();
    assertThat(out.get("dueDate").asText()).hasSize(18);
    assertThat(net.loanOf(item.id()).orElseThrow().patronId()).isEqualTo(p.id());

    JsonNode renew = run("renew", List.of(p.id(), item.id()), Optional.empty());
    assertThat(renew.get("ok").asBoolean()).isTrue();
    assertThat(renew.get("renewalOk").asBoolean()).isTrue();
    assertThat(net.renewalsOf(item.id())).isEqualTo(1);

    JsonNode in = run("checkin", List.of(item.id()), Optional.empty());
    assertThat(in.get("ok").asBoolean()).isTrue();
    assertThat(in.get("permanentLocation").asText()).isEqualTo(item.homeBranch());
    if (!item.homeBranch().equals("BR02")) {
      assertThat(in.get("alertType").asText()).isEqualTo("04");
      assertThat(in.get("destinationLocation").asText()).isEqualTo(item.homeBranch());
      assertThat(in.get("alert").asBoolean()).isTrue();
    }
    assertThat(net.loanOf(item.id())).isEmpty();

    assertThat(run("end-session", List.of(p.id()), Optional.empty()).get("endSession").asBoolean()).isTrue();
  }

  @Test
  void checkoutRefusalsCarryAScreenMessage() throws Exception {
    Patron expired = net.patrons().stream().filter(Patron::cardExpired).findFirst().orElseThrow();
    JsonNode j = run("checkout", List.of(expired.id(), available().id()), Optional.empty());
    assertThat(j.get("ok").asBoolean()).isFalse();
    assertThat(j.get("screenMessage").get(0).asText()).isEqualTo("Carte expirée");
    Hold hold = net.holds().stream().filter(h -> net.loanOf(h.itemId()).isEmpty()).findFirst().orElseThrow();
    Patron other = net.patrons().stream().filter(p -> !p.isBlocked() && !p.id().equals(hold.patronId())
        && net.balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS).findFirst().orElseThrow();
    JsonNode held = run("checkout", List.of(other.id(), hold.itemId()), Optional.empty());
    assertThat(held.get("ok").asBoolean()).isFalse();
    assertThat(held.get("screenMessage").get(0).asText()).contains("réservé");
  }

  @Test
  void checkinWithAReturnDate() throws Exception {
    Item item = net.items().stream().filter(i -> net.loanOf(i.id()).isPresent()).findFirst().orElseThrow();
    Sip2Diagnostics.Result r = new Sip2Diagnostics(client().build()).run("checkin", List.of(item.id()),
        Optional.empty(), Optional.of(Instant.now().minus(Duration.ofDays(2))));
    assertThat(mapper.readTree(r.json()).get("ok").asBoolean()).isTrue();
  }

  @Test
  void rawSendsWhatItIsGiven() throws Exception {
    Item item = net.items().get(0);
    JsonNode j = run("raw", List.of("17{now}AORESEAU|AB" + item.id() + "|"), Optional.empty());
    assertThat(j.get("message").asText()).isEqualTo("18");
    assertThat(j.get("itemIdentifier").asText()).isEqualTo(item.id());
    assertThat(j.get("raw").asText()).startsWith("18");
    assertThatThrownBy(() -> run("raw", List.of("17garbage"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactionDate");
  }

  @Test
  void unknownCommandsAndMissingArgumentsAreNamed() {
    assertThatThrownBy(() -> run("frobnicate", List.of(), Optional.empty())).hasMessageContaining("frobnicate");
    assertThatThrownBy(() -> run("checkout", List.of("2000000001"), Optional.empty())).hasMessageContaining("ITEM");
  }

  @Test
  void connectionAndLoginErrorsAreClear() {
    int port = sim.port();
    assertThatThrownBy(() -> new Sip2Diagnostics(client().password("nope").build())
        .run("status", List.of(), Optional.empty(), Optional.empty()))
        .isInstanceOf(Sip2LoginException.class);
    sim.close();
    assertThatThrownBy(() -> new Sip2Diagnostics(client().port(port).build())
        .run("status", List.of(), Optional.empty(), Optional.empty()))
        .isInstanceOf(Sip2ConnectionException.class).hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void aTerminalThatCannotShowAccentsGetsEscapes() {
    Item item = net.items().stream().filter(i -> i.title().equals("Les Misérables")).findFirst().orElseThrow();
    String ascii = new Sip2Diagnostics(client().build(), StandardCharsets.US_ASCII)
        .run("item-info", List.of(item.id()), Optional.empty(), Optional.empty()).json();
    assertThat(ascii).contains("Les Mis\\u00e9rables");
  }
}
