package fr.navette.sim.sigb;

import java.time.Instant;

/** An item on loan to a patron, from a branch, until its due date. */
public record Loan(String itemId, String patronId, String branch, Instant checkedOutAt, Instant dueAt) {}
