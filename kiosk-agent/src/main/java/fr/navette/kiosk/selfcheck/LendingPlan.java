package fr.navette.kiosk.selfcheck;

import fr.navette.reader.Uid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the kiosk may do with the documents on its pad, decided before the SIGB is asked anything: a plain
 * function of the tags read and the patron's current loans.
 *
 * <ul>
 *   <li>Tags are grouped by item identifier: the parts of a set are one document, lent together.
 *   <li>A set (part n of m, m &gt; 1) is lent only when parts 1..m are all on the pad; otherwise it is
 *       {@link Action#INCOMPLETE_SET} with the missing part numbers, and nothing is asked.
 *   <li>A document already on this patron's loans is {@link Action#OFFER_RENEWAL}: borrowing it again would
 *       renew it silently on many SIGBs (Koha does), so the patron chooses.
 *   <li>A tag that says "0 parts" or a part number beyond its set is read as a one-part document: ISO
 *       28560-1 uses 0 for "not given".
 * </ul>
 */
public final class LendingPlan {
  private LendingPlan() {}

  public enum Action { BORROW, OFFER_RENEWAL, INCOMPLETE_SET }

  /**
   * One document's fate.
   *
   * @param tags every tag of the document on the pad (one per part)
   * @param partsInSet how many parts the document has (1 for most)
   * @param missingParts the part numbers not on the pad, for {@link Action#INCOMPLETE_SET}
   */
  public record Decision(String itemId, List<Uid> tags, Action action, int partsInSet, List<Integer> missingParts) {
    public Decision {
      Objects.requireNonNull(itemId, "itemId");
      tags = List.copyOf(tags);
      Objects.requireNonNull(action, "action");
      missingParts = List.copyOf(missingParts);
    }
  }

  /** The decisions for {@code onPad}, in the order the documents were first seen. */
  public static List<Decision> decide(List<PadDocument> onPad, Set<String> patronLoans) {
    Map<String, List<PadDocument>> byItem = new LinkedHashMap<>();
    for (PadDocument doc : onPad) {
      byItem.computeIfAbsent(doc.itemId(), k -> new ArrayList<>()).add(doc);
    }
    List<Decision> decisions = new ArrayList<>();
    for (Map.Entry<String, List<PadDocument>> entry : byItem.entrySet()) {
      List<PadDocument> parts = entry.getValue();
      List<Uid> tags = parts.stream().map(PadDocument::uid).toList();
      int size = parts.stream().mapToInt(p -> p.set().partsInItem()).max().orElse(1);
      List<Integer> missing = List.of();
      if (size > 1) {
        Set<Integer> present = new TreeSet<>();
        parts.forEach(p -> present.add(p.set().partNumber()));
        List<Integer> absent = new ArrayList<>();
        for (int part = 1; part <= size; part++) {
          if (!present.contains(part)) {
            absent.add(part);
          }
        }
        missing = absent;
      }
      Action action;
      if (patronLoans.contains(entry.getKey())) {
        action = Action.OFFER_RENEWAL;
      } else if (!missing.isEmpty()) {
        action = Action.INCOMPLETE_SET;
      } else {
        action = Action.BORROW;
      }
      decisions.add(new Decision(entry.getKey(), tags, action, Math.max(size, 1), missing));
    }
    return decisions;
  }
}
