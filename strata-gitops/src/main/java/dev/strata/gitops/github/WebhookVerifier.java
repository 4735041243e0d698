package dev.strata.gitops.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies GitHub's {@code X-Hub-Signature-256} header: the HMAC-SHA256 of the raw request body
 * keyed with the webhook secret, hex-encoded after {@code sha256=}. It works on bytes only, so it
 * runs before anything parses the body; the comparison is constant-time ({@link
 * MessageDigest#isEqual}) so response timing reveals nothing about the expected signature.
 */
public final class WebhookVerifier {
  /** GitHub caps webhook payloads at 25 MB; a larger body is not from GitHub. */
  public static final int DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

  private static final String PREFIX = "sha256=";
  private final Secret secret;

  public WebhookVerifier(Secret secret) {
    this.secret = secret;
  }

  /** True when {@code signatureHeader} is present, well formed and matches {@code body}. */
  public boolean verify(byte[] body, String signatureHeader) {
    if (signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
      return false;
    }
    byte[] given = unhex(signatureHeader.substring(PREFIX.length()).trim());
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  /** The header value GitHub would send for {@code body}: {@code sha256=<hex>}. */
  public static String sign(Secret secret, byte[] body) {
    StringBuilder sb = new StringBuilder(PREFIX);
    for (byte b : hmac(secret, body)) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static byte[] hmac(Secret secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Decodes 64 hex digits (either case) into 32 bytes, or null when malformed. */
  private static byte[] unhex(String hex) {
    if (hex.length() != 64) {
      return null;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
