package fr.navette.identity;

import fr.navette.identity.EnrolmentTokens.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where {@link EnrolmentTokens} keeps its tokens: memory by default, the hub's database in the hub (its registry).
 * The one atomic step a store must give is {@link #markUsed}: a token is taken once, even presented twice at once.
 */
public interface TokenStore {
  /** Keeps a new token; false (and nothing kept) when its id is already taken. */
  boolean add(StoredToken token);

  Optional<StoredToken> find(String tokenId);

  /** Marks the token used at {@code at} only if it was not used yet: false when another request took it first. */
  boolean markUsed(String tokenId, Instant at);

  /** Every token kept (for tests that check no secret is stored). */
  List<StoredToken> all();

  /** Tokens in memory: lost at restart, enough for tests and a single process. */
  static TokenStore inMemory() {
    ConcurrentMap<String, StoredToken> tokens = new ConcurrentHashMap<>();
    return new TokenStore() {
      @Override
      public boolean add(StoredToken token) {
        return tokens.putIfAbsent(token.tokenId(), token) == null;
      }

      @Override
      public Optional<StoredToken> find(String tokenId) {
        return Optional.ofNullable(tokens.get(tokenId));
      }

      @Override
      public boolean markUsed(String tokenId, Instant at) {
        boolean[] marked = {false};
        tokens.computeIfPresent(tokenId, (id, stored) -> {
          if (stored.usedAt().isPresent()) {
            return stored;
          }
          marked[0] = true;
          return stored.used(at);
        });
        return marked[0];
      }

      @Override
      public List<StoredToken> all() {
        return List.copyOf(tokens.values());
      }
    };
  }
}
