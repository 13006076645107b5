package fr.navette.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id hashes in PHC form: salted, parameters carried, verified in place after the parameters changed. */
class PasswordHashingTest {
  private final PasswordHashing hashing = PasswordHashing.owasp();

  @Test
  void aHashVerifiesItsPasswordOnlyAndCarriesItsParametersAndARandomSalt() {
    String hash = hashing.hash("correct horse battery".toCharArray());
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hashing.verify("correct horse battery".toCharArray(), hash)).isTrue();
    assertThat(hashing.verify("correct horse batterY".toCharArray(), hash)).isFalse();
    assertThat(hashing.verify("".toCharArray(), hash)).isFalse();
    assertThat(hashing.hash("correct horse battery".toCharArray())).as("salted").isNotEqualTo(hash);
    assertThat(hashing.verify("x".toCharArray(), "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(hashing.verify("x".toCharArray(), null)).isFalse();
    assertThat(hashing.needsRehash(hash)).isFalse();
  }

  @Test
  void aHashMadeWithOtherParametersStillVerifiesAndAsksToBeMadeAgain() {
    PasswordHashing old = new PasswordHashing(new PasswordHashing.Cost(8 * 1024, 1, 1));
    String oldHash = old.hash("mot de passe ancien".toCharArray());
    assertThat(oldHash).startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
    assertThat(hashing.verify("mot de passe ancien".toCharArray(), oldHash)).isTrue();
    assertThat(hashing.needsRehash(oldHash)).isTrue();
  }

  @Test
  void oneVerificationTakesTensOfMillisecondsAndAnUnknownUserAsLong() {
    String hash = hashing.hash("correct horse battery".toCharArray());
    for (int i = 0; i < 10; i++) { // warm-up (the JIT halves the first runs' time)
      hashing.verify("correct horse battery".toCharArray(), hash);
      hashing.verifyNobody("correct horse battery".toCharArray());
    }
    int runs = 10;
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      hashing.verify("correct horse battery".toCharArray(), hash);
    }
    double known = (System.nanoTime() - start) / 1e6 / runs;
    start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      hashing.verifyNobody("correct horse battery".toCharArray());
    }
    double unknown = (System.nanoTime() - start) / 1e6 / runs;
    System.out.printf("argon2id m=19 MiB t=2 p=1: %.1f ms per verification, %.1f ms for an unknown user%n", known,
        unknown);
    assertThat(known).as("ms per verification").isGreaterThan(5).isLessThan(2000);
    assertThat(unknown).as("an unknown user costs the same hashing").isBetween(known / 3, known * 3);
  }
}
