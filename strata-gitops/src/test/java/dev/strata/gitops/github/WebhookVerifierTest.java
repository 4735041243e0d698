package dev.strata.gitops.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {
  private static final Secret SECRET = Secret.of("It's a Secret to Everybody");
  private final WebhookVerifier verifier = new WebhookVerifier(SECRET);

  @Test
  void matchesGithubsDocumentedExample() {
    // The example from GitHub's "Validating webhook deliveries" documentation.
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertEquals(expected, WebhookVerifier.sign(SECRET, body));
    assertTrue(verifier.verify(body, expected));
    assertTrue(verifier.verify(body, expected.toUpperCase().replace("SHA256=", "sha256=")));
  }

  @Test
  void signedFixtureVerifies() {
    byte[] body =
        Fixtures.read("pull_request/opened.payload.json").getBytes(StandardCharsets.UTF_8);
    assertTrue(verifier.verify(body, WebhookVerifier.sign(SECRET, body)));
  }

  @Test
  void changedBodyOrOtherSecretIsRejected() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String sig = WebhookVerifier.sign(SECRET, body);
    assertFalse(verifier.verify("{\"a\":2}".getBytes(StandardCharsets.UTF_8), sig));
    assertFalse(verifier.verify(body, WebhookVerifier.sign(Secret.of("other"), body)));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=",
        "sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e",
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
      })
  void missingOrMalformedSignatureIsRejected(String header) {
    assertFalse(verifier.verify("Hello, World!".getBytes(StandardCharsets.UTF_8), header));
  }

  @Test
  void secretsNeverPrint() {
    assertEquals("******", SECRET.toString());
    assertThrows(IllegalArgumentException.class, () -> Secret.of(" "));
  }
}
