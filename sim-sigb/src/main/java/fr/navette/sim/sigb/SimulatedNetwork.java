package fr.navette.sim.sigb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final Map<String, Integer> renewals = new ConcurrentHashMap<>();
  private final Map<String, Integer> balances = new ConcurrentHashMap<>();
  private final Set<String> blockedCards = ConcurrentHashMap.newKeySet();
  private final List<CheckinRecord> checkinLog = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** What a checkout changed besides the loan, so that a cancel (checkin with BI Y) can put it back. */
  private final Map<String, Undo> checkoutUndo = new ConcurrentHashMap<>();

  private record Undo(Optional<Hold> collected, Optional<String> transit) {}
  private final Object lock = new Object();

  /** How long a loan lasts, and how often it may be renewed, as in most French networks. */
  public static final Duration LOAN_PERIOD = Duration.ofDays(21);
  public static final int MAX_RENEWALS = 2;
  /** Overdue fine per started day, and its cap, in cents. */
  static final int FINE_PER_DAY_CENTS = 20;
  static final int FINE_CAP_CENTS = 500;

  SimulatedNetwork(NetworkGenerator.Generated g) {
    this.branches = g.branches();
    this.items = g.items();
    this.patrons = g.patrons();
    branches.forEach(b -> branchesByCode.put(b.code(), b));
    items.forEach(i -> itemsById.put(i.id(), i));
    patrons.forEach(p -> patronsById.put(p.id(), p));
    g.loans().forEach(l -> loans.put(l.itemId(), l));
    g.holds().forEach(h -> holds.put(h.itemId(), h));
    patrons.forEach(p -> balances.put(p.id(), p.feesCents()));
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

  /**
   * One loan in force now, picked with {@code random} (empty when none): what a simulated patron brings back. A copy
   * of the loans without sorting them — {@link #itemsOnLoan()} sorts 90,000 loans at the seeds' network's size.
   */
  public Optional<Loan> anyLoan(java.util.random.RandomGenerator random) {
    List<Loan> now = new ArrayList<>(loans.values());
    return now.isEmpty() ? Optional.empty() : Optional.of(now.get(random.nextInt(now.size())));
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

  /**
   * One checkin the SIGB applied, as its circulation log would show it: which item, at which branch, and the
   * return date it was given (what an overdue fine is computed from).
   */
  public record CheckinRecord(String itemId, String branch, Instant returnedAt) {}

  /** Every checkin applied since the simulator started, in order (tests check none is lost or doubled). */
  public List<CheckinRecord> checkinLog() {
    return List.copyOf(checkinLog);
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
      checkinLog.add(new CheckinRecord(itemId, branch, when));
      checkoutUndo.remove(itemId);
      Optional<Loan> ended = Optional.ofNullable(loans.remove(itemId));
      ended.ifPresent(l -> {
        renewals.remove(itemId);
        fineIfLate(l, when);
      });
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

  /**
   * Cancels the checkout just made of an item (SIP2 checkin with BI Y, sent by a self-check that could not
   * disarm the tag): the loan goes as if it never was — no fine, no routing, the hold it collected back on the
   * shelf. Empty when the item is unknown; the ended loan empty when no checkout made a loan to cancel.
   */
  Optional<CheckinOutcome> cancelCheckout(String itemId) {
    Item item = itemsById.get(itemId);
    if (item == null) {
      return Optional.empty();
    }
    synchronized (lock) {
      // Only a loan a checkout made is cancelled: a checkout that renewed the patron's own loan made none.
      Undo undo = checkoutUndo.remove(itemId);
      Optional<Loan> ended = undo == null ? Optional.empty() : Optional.ofNullable(loans.remove(itemId));
      if (ended.isPresent()) {
        renewals.remove(itemId);
        undo.collected().ifPresent(h -> holds.put(itemId, h));
        undo.transit().ifPresent(t -> transits.put(itemId, t));
      }
      return Optional.of(new CheckinOutcome(item, ended, Optional.empty(), Optional.empty()));
    }
  }

  private void fineIfLate(Loan loan, Instant returned) {
    if (returned.isAfter(loan.dueAt())) {
      long days = Duration.between(loan.dueAt(), returned).toDays() + 1;
      int fine = (int) Math.min(FINE_CAP_CENTS, days * FINE_PER_DAY_CENTS);
      balances.merge(loan.patronId(), fine, Integer::sum);
    }
  }

  /** What the patron owes now, in cents (fees at generation, plus overdue fines, minus payments). */
  public int balanceCents(String patronId) {
    return balances.getOrDefault(patronId, 0);
  }

  /** Blocked by a block patron message (25) since the simulator started. */
  public boolean isCardBlocked(String patronId) {
    return blockedCards.contains(patronId);
  }

  public List<Loan> loansOf(String patronId) {
    return loans.values().stream().filter(l -> l.patronId().equals(patronId))
        .sorted(java.util.Comparator.comparing(Loan::itemId)).toList();
  }

  public List<Hold> holdsOf(String patronId) {
    return holds.values().stream().filter(h -> h.patronId().equals(patronId))
        .sorted(java.util.Comparator.comparing(Hold::itemId)).toList();
  }

  /** Whether a patron may borrow: known, right PIN when one is given, no block. */
  Optional<Refusal> patronRefusal(String patronId, Optional<String> pin) {
    Patron p = patronsById.get(patronId);
    if (p == null) {
      return Optional.of(Refusal.UNKNOWN_PATRON);
    }
    if (pin.isPresent() && !pin.get().equals(p.pin())) {
      return Optional.of(Refusal.WRONG_PIN);
    }
    if (blockedCards.contains(patronId)) {
      return Optional.of(Refusal.CARD_BLOCKED);
    }
    if (p.cardExpired()) {
      return Optional.of(Refusal.CARD_EXPIRED);
    }
    if (p.tooManyItems()) {
      return Optional.of(Refusal.TOO_MANY_ITEMS);
    }
    if (balanceCents(patronId) > Patron.FEE_LIMIT_CENTS) {
      return Optional.of(Refusal.EXCESSIVE_FEES);
    }
    return Optional.empty();
  }

  /** A loan made or refused. A checkout of an item the patron already has renews it, as Koha does. */
  record LoanOutcome(Optional<Loan> loan, boolean renewal, Optional<Refusal> refusal) {
    static LoanOutcome refused(Refusal r) {
      return new LoanOutcome(Optional.empty(), false, Optional.of(r));
    }
  }

  LoanOutcome checkout(String patronId, String itemId, Optional<String> pin, String branch, Instant now) {
    synchronized (lock) {
      Optional<Refusal> refusal = patronRefusal(patronId, pin);
      if (refusal.isPresent()) {
        return LoanOutcome.refused(refusal.get());
      }
      if (!itemsById.containsKey(itemId)) {
        return LoanOutcome.refused(Refusal.UNKNOWN_ITEM);
      }
      Loan current = loans.get(itemId);
      if (current != null) {
        return current.patronId().equals(patronId)
            ? renewLocked(current, now, true)
            : LoanOutcome.refused(Refusal.ALREADY_ON_LOAN);
      }
      Hold hold = holds.get(itemId);
      if (hold != null && !hold.patronId().equals(patronId)) {
        return LoanOutcome.refused(Refusal.ON_HOLD_FOR_ANOTHER);
      }
      if (hold != null) {
        holds.remove(itemId); // the patron collects what they reserved
      }
      checkoutUndo.put(itemId, new Undo(Optional.ofNullable(hold), Optional.ofNullable(transits.remove(itemId))));
      Loan loan = new Loan(itemId, patronId, branch, now, now.plus(LOAN_PERIOD));
      loans.put(itemId, loan);
      renewals.remove(itemId);
      return new LoanOutcome(Optional.of(loan), false, Optional.empty());
    }
  }

  LoanOutcome renew(String patronId, String itemId, Optional<String> pin, Instant now) {
    synchronized (lock) {
      Optional<Refusal> refusal = patronRefusal(patronId, pin);
      if (refusal.isPresent()) {
        return LoanOutcome.refused(refusal.get());
      }
      Loan current = loans.get(itemId);
      if (current == null || !current.patronId().equals(patronId)) {
        return LoanOutcome.refused(itemsById.containsKey(itemId) ? Refusal.NOT_ON_LOAN_TO_PATRON : Refusal.UNKNOWN_ITEM);
      }
      return renewLocked(current, now, false);
    }
  }

  private LoanOutcome renewLocked(Loan current, Instant now, boolean viaCheckout) {
    if (holds.containsKey(current.itemId())) {
      return LoanOutcome.refused(Refusal.ON_HOLD_NO_RENEWAL);
    }
    int done = renewals.getOrDefault(current.itemId(), 0);
    if (done >= MAX_RENEWALS) {
      return LoanOutcome.refused(Refusal.RENEWAL_LIMIT);
    }
    renewals.put(current.itemId(), done + 1);
    Loan renewed = new Loan(current.itemId(), current.patronId(), current.branch(), current.checkedOutAt(),
        now.plus(LOAN_PERIOD));
    loans.put(current.itemId(), renewed);
    return new LoanOutcome(Optional.of(renewed), true, Optional.empty());
  }

  /** How many times the current loan of an item was renewed. */
  public int renewalsOf(String itemId) {
    return renewals.getOrDefault(itemId, 0);
  }

  /** Places a hold (the item's first; one hold per item in this simulator). */
  Optional<Refusal> placeHold(String patronId, String itemId, Optional<String> pin, String pickupBranch) {
    synchronized (lock) {
      Optional<Refusal> refusal = patronRefusal(patronId, pin);
      if (refusal.isPresent()) {
        return refusal;
      }
      if (!itemsById.containsKey(itemId)) {
        return Optional.of(Refusal.UNKNOWN_ITEM);
      }
      if (holds.containsKey(itemId)) {
        return Optional.of(Refusal.ALREADY_HELD);
      }
      holds.put(itemId, new Hold(itemId, patronId, patronsById.get(patronId).name(), pickupBranch,
          Hold.Status.PENDING));
      return Optional.empty();
    }
  }

  Optional<Refusal> cancelHold(String patronId, String itemId) {
    synchronized (lock) {
      Hold h = holds.get(itemId);
      if (h == null || !h.patronId().equals(patronId)) {
        return Optional.of(Refusal.NO_SUCH_HOLD);
      }
      holds.remove(itemId);
      return Optional.empty();
    }
  }

  /** Records a payment; returns false for an unknown patron. */
  boolean pay(String patronId, int cents) {
    if (!patronsById.containsKey(patronId)) {
      return false;
    }
    balances.merge(patronId, -cents, (a, b) -> Math.max(0, a + b));
    return true;
  }

  boolean blockCard(String patronId) {
    if (!patronsById.containsKey(patronId)) {
      return false;
    }
    blockedCards.add(patronId);
    return true;
  }

  /**
   * A few patrons worth trying by hand, the same for a given seed: three in good standing (with
   * loans when there are some), then one with an expired card, one with too many items and one
   * with excessive fees, for refusals.
   */
  public List<Patron> demoPatrons() {
    List<Patron> out = new ArrayList<>();
    Set<String> borrowers = new java.util.HashSet<>();
    loans.values().forEach(l -> borrowers.add(l.patronId()));
    patrons.stream().filter(p -> !p.isBlocked() && balanceCents(p.id()) <= Patron.FEE_LIMIT_CENTS)
        .sorted(java.util.Comparator.comparingInt((Patron p) -> borrowers.contains(p.id()) ? 0 : 1))
        .limit(3).forEach(out::add);
    patrons.stream().filter(Patron::cardExpired).findFirst().ifPresent(out::add);
    patrons.stream().filter(p -> p.tooManyItems() && !p.cardExpired()).findFirst().ifPresent(out::add);
    patrons.stream().filter(p -> !p.cardExpired() && !p.tooManyItems() && balanceCents(p.id()) > Patron.FEE_LIMIT_CENTS)
        .findFirst().ifPresent(out::add);
    return out;
  }
}
