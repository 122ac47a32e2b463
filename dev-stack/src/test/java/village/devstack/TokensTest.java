package village.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private static String payload(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  @Test
  void signatureVerifiesAndClaimsArePresent() throws Exception {
    String jwt = Tokens.sign(SECRET, "local-organization", List.of("ORGANIZATION"), "ORG-7", null, null, CLOCK);
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(jwt).doesNotContain("=").doesNotContain("+").doesNotContain("/");

    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    assertThat(header).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

    byte[] expected = Tokens.hmacSha256(SECRET, parts[0] + "." + parts[1]);
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    // independent recomputation with javax.crypto
    assertThat(parts[2]).isEqualTo(hs256(SECRET, parts[0] + "." + parts[1]));

    long iat = CLOCK.instant().getEpochSecond();
    assertThat(payload(jwt)).isEqualTo("{\"sub\":\"local-organization\",\"roles\":[\"ORGANIZATION\"],\"org\":\"ORG-7\","
        + "\"iss\":\"village-local\",\"iat\":" + iat + ",\"exp\":" + (iat + 12 * 3600) + "}");
  }

  @Test
  void townshipTokenCarriesTheTownshipInUtf8AndEscapesStrings() {
    String jwt = Tokens.sign(SECRET, "a\"b\\c\n\u0001", List.of("TOWNSHIP"), null, "城关镇", Duration.ofMinutes(5), CLOCK);
    String p = payload(jwt);
    assertThat(p).contains("\"township\":\"城关镇\"")
        .contains("\"sub\":\"a\\\"b\\\\c\\n\\u0001\"")
        .doesNotContain("\"org\"")
        .contains("\"exp\":" + (CLOCK.instant().getEpochSecond() + 300));
  }

  @Test
  void newSecretIs64Hex() {
    String s = Tokens.newSecret();
    assertThat(s).matches("[0-9a-f]{64}");
    assertThat(Tokens.newSecret()).isNotEqualTo(s);
  }

  @Test
  void cliTokenRulesAndSecretFile(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("sub/jwt-secret");
    String county = DevStack.token(List.of("county"), Map.of("secret-file", secretFile.toString()), null);
    assertThat(payload(county)).contains("\"sub\":\"local-county\"", "\"roles\":[\"COUNTY\"]")
        .doesNotContain("township").doesNotContain("\"org\"");
    assertThat(Files.readString(secretFile).trim()).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
    String secret = Files.readString(secretFile).trim();
    String[] parts = county.split("\\.");
    assertThat(parts[2]).isEqualTo(hs256(secret, parts[0] + "." + parts[1]));

    String township = DevStack.token(List.of("TOWNSHIP"), Map.of("secret-file", secretFile.toString()), null);
    assertThat(payload(township)).contains("\"township\":\"城关镇\"", "\"sub\":\"local-township\"");
    String fromEnv = DevStack.token(List.of("TOWNSHIP"), Map.of("secret-file", secretFile.toString()), "红星镇");
    assertThat(payload(fromEnv)).contains("\"township\":\"红星镇\"");
    String explicit = DevStack.token(List.of("TOWNSHIP"),
        Map.of("secret-file", secretFile.toString(), "township", "东关镇", "subject", "zhang"), "红星镇");
    assertThat(payload(explicit)).contains("\"township\":\"东关镇\"", "\"sub\":\"zhang\"");

    String org = DevStack.token(List.of("ORGANIZATION"), Map.of("secret-file", secretFile.toString(), "org", "O1", "ttl-hours", "1"), null);
    assertThat(payload(org)).contains("\"org\":\"O1\"").doesNotContain("township");

    assertThat(Files.readString(secretFile).trim()).isEqualTo(secret); // not regenerated
    assertThatThrownBy(() -> DevStack.token(List.of("ORGANIZATION"), Map.of("secret-file", secretFile.toString()), null))
        .isInstanceOf(DevStack.UsageException.class);
    assertThatThrownBy(() -> DevStack.token(List.of("MAYOR"), Map.of("secret-file", secretFile.toString()), null))
        .isInstanceOf(DevStack.UsageException.class);
    assertThatThrownBy(() -> DevStack.token(List.of(), Map.of("secret-file", secretFile.toString()), null))
        .isInstanceOf(DevStack.UsageException.class);
  }

  @Test
  void databaseNamesAreMongoSafe() {
    class AVeryLongTestClassNameThatGoesOnAndOnAndOnForeverAndEverIT {}
    String n = RealInfrastructure.databaseName(AVeryLongTestClassNameThatGoesOnAndOnAndOnForeverAndEverIT.class);
    assertThat(n).startsWith("t_AVeryLong").matches("[A-Za-z0-9_]+").hasSizeLessThanOrEqualTo(50);
    assertThat(RealInfrastructure.databaseName(TokensTest.class)).matches("t_TokensTest_[0-9a-f]{6}");
  }

  private static String hs256(String secret, String input) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }
}
