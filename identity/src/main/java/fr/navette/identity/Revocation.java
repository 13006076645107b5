package fr.navette.identity;

import java.math.BigInteger;
import java.time.Instant;

/** A certificate withdrawn before its end: its serial number, when, and the device it was issued to. */
public record Revocation(BigInteger serial, Instant revokedAt, String deviceId) {}
