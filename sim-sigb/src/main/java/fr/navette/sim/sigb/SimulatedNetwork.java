package fr.navette.sim.sigb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the simulated SIGB: branches, catalogue and patrons (fixed once generated), and
 * loans, holds and transits (changed by circulation). Read views are snapshots; changes go
 * through one lock so that a checkin sees and leaves a consistent state whatever the number of
 * sessions.
 */
public final class SimulatedNetwork {
  private final List<Branch> branches;
  private final List<Item> items;
  private final List<Patron> patrons;
  private final Map<String, Item> itemsById = new LinkedHashMap<>();
  private final Map<String, Patron> patronsById = new LinkedHashMap<>();
  private final Map<String, Branch> branchesByCode = new LinkedHashMap<>();
  private final Map<String, Loan> loans = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  /** Items on their way home after a return elsewhere: item id → destination branch. */
  private final Map<String, String> transits = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  SimulatedNetwork(NetworkGenerator.Generated g) {
    this.branches = g.branches();
    this.items = g.items();
    this.patrons = g.patrons();
    branches.forEach(b -> branchesByCode.put(b.code(), b));
    items.forEach(i -> itemsById.put(i.id(), i));
    patrons.forEach(p -> patronsById.put(p.id(), p));
    g.loans().forEach(l -> loans.put(l.itemId(), l));
    g.holds().forEach(h -> holds.put(h.itemId(), h));
  }

  public List<Branch> branches() {
    return branches;
  }

  public Optional<Branch> branch(String code) {
    return Optional.ofNullable(branchesByCode.get(code));
  }

  public List<Item> items() {
    return items;
  }

  public Optional<Item> item(String id) {
    return Optional.ofNullable(itemsById.get(id));
  }

  public List<Patron> patrons() {
    return patrons;
  }

  public Optional<Patron> patron(String id) {
    return Optional.ofNullable(patronsById.get(id));
  }

  /** The loans in force now, in item order. */
  public List<Loan> loans() {
    return sortedByItem(loans);
  }

  public Optional<Loan> loanOf(String itemId) {
    return Optional.ofNullable(loans.get(itemId));
  }

  /** Items on loan now. */
  public List<Item> itemsOnLoan() {
    return loans().stream().map(l -> itemsById.get(l.itemId())).toList();
  }

  public List<Hold> holds() {
    return sortedByItem(holds);
  }

  public Optional<Hold> holdFor(String itemId) {
    return Optional.ofNullable(holds.get(itemId));
  }

  /** Where an item returned elsewhere is travelling to, if it is on its way home. */
  public Optional<String> transitOf(String itemId) {
    return Optional.ofNullable(transits.get(itemId));
  }

  private static <V> List<V> sortedByItem(Map<String, V> map) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
    entries.sort(Map.Entry.comparingByKey());
    return entries.stream().map(Map.Entry::getValue).toList();
  }

  /** What a checkin did, for the SIP2 reply. */
  record CheckinOutcome(Item item, Optional<Loan> endedLoan, Optional<Hold> hold, Optional<String> destination) {}

  /**
   * Checks an item in at a branch: the loan ends; a hold found becomes waiting here or in transit
   * to its pickup branch; otherwise an item away from home goes home. Repeating it gives the same
   * routing, which is what lets a client retry a checkin safely.
   */
  Optional<CheckinOutcome> checkin(String itemId, String branch, Instant when) {
    Item item = itemsById.get(itemId);
    if (item == null) {
      return Optional.empty();
    }
    synchronized (lock) {
      Optional<Loan> ended = Optional.ofNullable(loans.remove(itemId));
      Hold hold = holds.get(itemId);
      if (hold != null) {
        transits.remove(itemId);
        Hold now = hold.with(hold.pickupBranch().equals(branch) ? Hold.Status.WAITING : Hold.Status.IN_TRANSIT);
        holds.put(itemId, now);
        return Optional.of(new CheckinOutcome(item, ended, Optional.of(now),
            now.status() == Hold.Status.IN_TRANSIT ? Optional.of(now.pickupBranch()) : Optional.empty()));
      }
      if (!item.homeBranch().equals(branch)) {
        transits.put(itemId, item.homeBranch());
        return Optional.of(new CheckinOutcome(item, ended, Optional.empty(), Optional.of(item.homeBranch())));
      }
      transits.remove(itemId);
      return Optional.of(new CheckinOutcome(item, ended, Optional.empty(), Optional.empty()));
    }
  }
}
