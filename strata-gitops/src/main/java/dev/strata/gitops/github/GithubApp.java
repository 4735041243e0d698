package dev.strata.gitops.github;

import dev.strata.InputException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GitHub App: signs its own JWT (RS256 with the App's private key, {@code iss} = App id, valid
 * ten minutes minus clock-skew slack) and exchanges it for installation tokens at {@code POST
 * /app/installations/{id}/access_tokens}. Tokens are cached per installation and refreshed five
 * minutes before they expire. The private key may be PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what
 * GitHub hands out) or PKCS#8 ({@code BEGIN PRIVATE KEY}); PKCS#1 is wrapped into PKCS#8 by hand so
 * only the JDK's own RSA support is needed.
 */
public final class GithubApp {
  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private final URI apiBase;
  private final long appId;
  private final PrivateKey key;
  private final HttpClient http;
  private final Clock clock;
  private final Map<Long, Cached> tokens = new ConcurrentHashMap<>();

  private record Cached(Secret token, Instant expiresAt) {}

  public GithubApp(URI apiBase, long appId, PrivateKey key, HttpClient http, Clock clock) {
    this.apiBase = apiBase;
    this.appId = appId;
    this.key = key;
    this.http = http;
    this.clock = clock;
  }

  /** An App from its id and PEM private key, with the system clock. */
  public static GithubApp fromPem(URI apiBase, long appId, Secret pem, HttpClient http) {
    return new GithubApp(apiBase, appId, readPrivateKey(pem), http, Clock.systemUTC());
  }

  public long appId() {
    return appId;
  }

  /** The App's JWT for the App-level endpoints. */
  public Secret jwt() {
    long now = clock.instant().getEpochSecond();
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64(
            ("{\"iat\":" + (now - 60) + ",\"exp\":" + (now + 540) + ",\"iss\":\"" + appId + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    String signingInput = header + "." + payload;
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return Secret.of(signingInput + "." + b64(rs256.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the GitHub App JWT", e);
    }
  }

  /** Authentication as one installation, with cached, self-refreshing tokens. */
  public GithubAuth installation(long installationId) {
    return new GithubAuth() {
      @Override
      public Secret token() {
        return installationToken(installationId);
      }

      @Override
      public boolean isApp() {
        return true;
      }
    };
  }

  /** A valid installation token, from the cache or freshly exchanged. */
  public Secret installationToken(long installationId) {
    Instant now = clock.instant();
    Cached c = tokens.get(installationId);
    if (c != null && now.isBefore(c.expiresAt.minus(REFRESH_MARGIN))) {
      return c.token;
    }
    GithubHttp jwtHttp = new GithubHttp(apiBase, this::jwt, http, Duration.ofSeconds(30));
    String path = "/app/installations/" + installationId + "/access_tokens";
    if (!(jwtHttp.call("POST", path, Map.of()) instanceof Map<?, ?> m)
        || !(m.get("token") instanceof String token)) {
      throw new GithubApiException(0, "POST", path, "no token in the response");
    }
    Instant expires =
        m.get("expires_at") instanceof String s ? Instant.parse(s) : now.plus(Duration.ofHours(1));
    Cached fresh = new Cached(Secret.of(token), expires);
    tokens.put(installationId, fresh);
    return fresh.token;
  }

  /** Reads an RSA private key from PEM text, PKCS#1 or PKCS#8. */
  public static PrivateKey readPrivateKey(Secret pem) {
    String text = pem.reveal();
    boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
    if (!pkcs1 && !text.contains("BEGIN PRIVATE KEY")) {
      throw new InputException("the GitHub App private key is not a PEM RSA private key");
    }
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InputException("the GitHub App private key cannot be read: " + e.getMessage());
    }
  }

  /**
   * PKCS#8 {@code PrivateKeyInfo} around a PKCS#1 key: SEQUENCE { INTEGER 0, SEQUENCE { OID
   * rsaEncryption, NULL }, OCTET STRING pkcs1 }.
   */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octets = der(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(octets);
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
