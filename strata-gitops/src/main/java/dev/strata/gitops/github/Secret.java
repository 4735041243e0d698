package dev.strata.gitops.github;

import java.util.Objects;

/**
 * A secret value (webhook secret, token, private key) that never prints itself: {@link #toString()}
 * is a mask, so a Secret can sit in records, logs and error messages without leaking.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret");
  }

  /** Wraps {@code value}; blank values are rejected so a missing secret is noticed at startup. */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("secret is empty");
    }
    return new Secret(value);
  }

  /** The secret itself, for the one place that needs it (a header, an HMAC key). */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "******";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && java.security.MessageDigest.isEqual(bytes(), s.bytes());
  }

  @Override
  public int hashCode() {
    return 0;
  }

  private byte[] bytes() {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
