package fr.navette.hub.transits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.TestDatabases;
import fr.navette.hub.web.HubRouting;
import fr.navette.hub.web.HubWeb;
import fr.navette.hub.web.StaffAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transit list with a year of a 15-branch network's transits (100 k rows: ~2 % still active, the rest arrived,
 * closed or kept over the year): each page the staff ask for — the default view, a branch's, overdue only, a
 * route's, the 50th page of the whole history — answers within 200 ms (median of 5, over HTTP, count included).
 * Prints its figures.
 */
class TransitListBenchTest {
  private static final int TRANSITS = 100_000;
  @TempDir Path dir;

  @AfterAll
  static void dropSchemas() {
    TestDatabases.dropCreatedSchemas();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aYearOfTransitsIsListedWithin200Ms(String kind) throws Exception {
    Instant now = Instant.parse("2026-11-24T09:00:00Z");
    List<String> branches = new ArrayList<>();
    for (int b = 1; b <= 15; b++) {
      branches.add(String.format("BR%02d", b));
    }
    Route north = new Route("nord", "Tournée nord", branches.subList(0, 8));
    Route south = new Route("sud", "Tournée sud", branches.subList(7, 15));
    try (Database db = TestDatabases.open(kind, dir)) {
      fill(db, branches, now);
      TransitStore store = new TransitStore(db);
      Shuttle shuttle = new Shuttle(store, new NetworkRules(List.of(north, south), Set.of(), Duration.ofDays(7)),
          Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC);
      try (HubWeb web = HubWeb.start("127.0.0.1", 0, HubRouting.build(StaffAccess.open(),
          new ShuttleService(shuttle, store, Clock.fixed(now, ZoneOffset.UTC))))) {
        HttpClient http = HttpClient.newHttpClient();
        for (String query : List.of("", "?status=open,packed,on-road", "?from=BR03", "?to=BR07&status=on-road",
            "?overdue=true", "?route=sud", "?all=true", "?all=true&offset=5000&limit=100",
            "?all=true&offset=90000&limit=100")) {
          URI uri = URI.create("http://127.0.0.1:" + web.port() + "/api/transits" + query);
          List<Long> millis = new ArrayList<>();
          long total = 0;
          for (int i = 0; i < 6; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(r.statusCode()).isEqualTo(200);
            total = new ObjectMapper().readTree(r.body()).get("total").asLong();
          }
          millis.remove(0); // the first warms the JIT and the store's caches
          Collections.sort(millis);
          System.out.printf("bench %s /api/transits%s: total %d, median %d ms, max %d ms%n", kind, query, total,
              millis.get(2), millis.get(4));
          // A page past the 50th of a year's whole history is walked row by row (OFFSET): measured and printed,
          // not held to 200 ms — a far page would need keyset pagination, which no screen asks for yet.
          if (!query.contains("offset=90000")) {
            assertThat(millis.get(2)).as(query).isLessThan(200);
          }
        }
      }
    }
  }

  /** 100 k transits over a year: most finished, ~2 % still active (some overdue), on the two rounds. */
  private static void fill(Database db, List<String> branches, Instant now) {
    Random random = new Random(17);
    db.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO transits (transit_id, item_id, from_branch, "
          + "to_branch, reason, status, created_at, source_event_id, route_id, arrived_at, closed_at) "
          + "VALUES (?, ?, ?, ?, 'send-home', ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < TRANSITS; i++) {
          int from = random.nextInt(15);
          int to = (from + 1 + random.nextInt(14)) % 15;
          long created = now.toEpochMilli() - (long) (random.nextDouble() * Duration.ofDays(365).toMillis());
          boolean active = random.nextInt(50) == 0;
          String status = active ? List.of("open", "packed", "on-road").get(random.nextInt(3))
              : random.nextInt(10) == 0 ? "kept" : "closed";
          st.setString(1, "t" + i);
          st.setString(2, String.valueOf(3_000_000_000L + i));
          st.setString(3, branches.get(from));
          st.setString(4, branches.get(to));
          st.setString(5, status);
          st.setLong(6, created);
          st.setString(7, "e" + i);
          st.setString(8, from < 8 && to < 8 ? "nord" : "sud");
          if (active) {
            st.setNull(9, java.sql.Types.BIGINT);
            st.setNull(10, java.sql.Types.BIGINT);
          } else {
            st.setLong(9, created + 86_400_000L);
            st.setLong(10, created + 86_400_000L);
          }
          st.addBatch();
          if (i % 5000 == 4999) {
            st.executeBatch();
          }
        }
        st.executeBatch();
      }
      return null;
    });
  }
}
