package fr.navette.hub.kiosks;

import static fr.navette.hub.web.JsonAnswers.answer;

import java.util.function.UnaryOperator;
import fr.navette.hub.text.Said;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.JsonBody;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.SchemaException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kiosks' PIN locks, for the desk: {@code GET /api/kiosk-locks} lists the locks in force (cards masked, kiosks
 * by id, until when), {@code POST /api/kiosk-locks/lift} lifts one — a staff token, as every POST ({@code
 * StaffFilter}). The body names a card, {@code {"card": "<barcode>"}} (the hub turns it into its pseudonym at once;
 * the barcode is neither kept nor logged), or a kiosk, {@code {"kiosk": "<device id>"}}.
 */
public final class KioskLocksService implements HttpService {
  private final PinAttempts attempts;
  private final UnaryOperator<String> pseudonyms;

  public KioskLocksService(PinAttempts attempts, UnaryOperator<String> pseudonyms) {
    this.attempts = attempts;
    this.pseudonyms = pseudonyms;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/kiosk-locks", (req, res) -> answer(res, () -> Map.of("locks", attempts.locks())))
        .post("/api/kiosk-locks/lift", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          Optional<String> card = body.optionalText("card").filter(c -> !c.isBlank());
          Optional<String> kiosk = body.optionalText("kiosk").filter(k -> !k.isBlank());
          if (card.isPresent() == kiosk.isPresent()) {
            throw ApiProblem.badRequest(Said.of("error.lift-card-or-kiosk"));
          }
          Map<String, Object> said = new LinkedHashMap<>();
          if (card.isPresent()) {
            String pseudonym;
            try {
              pseudonym = pseudonyms.apply(card.get());
            } catch (SchemaException e) {
              // Its message would quote the card number: said without it.
              throw ApiProblem.badRequest(Said.of("error.lift-card-invalid"));
            }
            if (!attempts.liftCard(pseudonym)) {
              throw ApiProblem.notFound(Said.of("error.no-card-lock"));
            }
            said.put("lifted", "card");
            said.put("card", PinAttempts.masked(pseudonym));
          } else {
            if (!attempts.liftKiosk(kiosk.get())) {
              throw ApiProblem.notFound(Said.of("error.no-kiosk-lock", ApiProblem.abbreviated(kiosk.get())));
            }
            said.put("lifted", "kiosk");
            said.put("kiosk", kiosk.get());
          }
          return said;
        }));
  }
}
