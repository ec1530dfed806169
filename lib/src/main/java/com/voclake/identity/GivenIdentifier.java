package com.voclake.identity;

import com.voclake.VoclakeException;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.Identifiers;

/**
 * One identifier a person or an operator typed on a command line ({@code forget --phone ...},
 * {@code identity explain --email ...}), or a {@code one_id}, turned into what the CDP tables hold:
 * normalized with the same column functions as identity merge ({@link IdentifierNormalizer}),
 * classified with the same junk patterns, keyed-hashed and masked with {@link PiiProtection}.
 *
 * <p>The raw and normalized values never leave this object: {@link #toString()} and every accessor
 * give the masked form, the hash or the state only. The value reaches Spark as a row of a local
 * relation, never as a literal, so it does not appear in query plans (the UI, event logs).
 *
 * <p>Immutable and thread-safe.
 */
public final class GivenIdentifier {
  /** The pseudo-type of a customer id given instead of an identifier. */
  public static final String ONE_ID = "one_id";

  /** What identity merge makes of the value. */
  public enum State {
    /** Normalized and not a placeholder: identity merge links on it. */
    VALID,
    /** A placeholder ({@code identity.junk-patterns}): it identifies no one and links nothing. */
    JUNK,
    /** Cannot be normalized (not a CN phone number, not an e-mail address). */
    INVALID
  }

  private final String type;
  private final State state;
  private final String hash;
  private final String masked;

  private GivenIdentifier(String type, State state, String hash, String masked) {
    this.type = type;
    this.state = state;
    this.hash = hash;
    this.masked = masked;
  }

  /**
   * {@code raw} of identifier {@code type} (an {@link Identifiers#LINKING} name, or {@link #ONE_ID}).
   * A {@code wechat_openid} is scoped to {@link IdentifierNormalizer#UNKNOWN_APP}: this entry point
   * has no app id.
   */
  public static GivenIdentifier of(VoclakeConfig config, String type, String raw) {
    if (raw == null) {
      throw VoclakeException.of("No %s value given", type);
    }
    if (ONE_ID.equals(type)) {
      String oneId = raw.strip();
      // A one_id is a pseudonym (a hash of a record key), not personal data: it is shown as it is.
      return new GivenIdentifier(ONE_ID, oneId.isEmpty() ? State.INVALID : State.VALID, null, oneId);
    }
    if (!Identifiers.LINKING.contains(type)) {
      throw VoclakeException.of("Unknown identifier type %s; known types: %s and %s", type,
          Identifiers.LINKING, ONE_ID);
    }
    String normalized = IdentifierNormalizer.normalize(type, raw, null);
    boolean junk = IdentifierNormalizer.isJunk(raw, normalized,
        IdentifierNormalizer.junkPattern(config.identity().junkPatterns()));
    State state = junk ? State.JUNK : normalized == null ? State.INVALID : State.VALID;
    String hash = normalized == null ? null
        : PiiProtection.hash(config.pii().resolveKey(System.getenv()), type, normalized);
    String masked = state == State.INVALID ? "(invalid " + type + ")" : PiiProtection.mask(type, normalized);
    return new GivenIdentifier(type, state, hash, masked);
  }

  /** The identifier type, or {@link #ONE_ID}. */
  public String type() {
    return type;
  }

  public State state() {
    return state;
  }

  public boolean isOneId() {
    return ONE_ID.equals(type);
  }

  /** {@code id_hash} as in {@code cdp/identity_links}; null for a one_id or an invalid value. */
  public String hash() {
    return hash;
  }

  /** The display form ({@code 138****8000}); a one_id as it is. */
  public String masked() {
    return masked;
  }

  /** The one_id given; only for {@link #isOneId()}. */
  public String oneId() {
    if (!isOneId()) {
      throw VoclakeException.of("A %s is not a one_id", type);
    }
    return masked;
  }

  /** Type, masked form and the first 8 hex digits of the hash: safe for logs and output. */
  @Override
  public String toString() {
    return type + " " + masked + (hash == null ? "" : " #" + shortHash(hash));
  }

  /** The first 8 hex digits of a hash: enough for a person to tell identifiers apart. */
  public static String shortHash(String hash) {
    return hash == null ? "" : hash.substring(0, Math.min(8, hash.length()));
  }
}
