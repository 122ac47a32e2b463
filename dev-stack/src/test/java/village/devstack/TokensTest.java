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
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private static String payload(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  private static JsonNode claims(String jwt) {
    return JsonMapper.builder().build().readTree(payload(jwt));
  }

  @Test
  void hs256SignatureVerifiesAndClaimsArePresent() throws Exception {
    String jwt = Tokens.sign(SECRET, "local-organization", List.of("ORGANIZATION"), "ORG-7", null, null, CLOCK);
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(jwt).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"HS256\"");
    // independent recomputation with javax.crypto
    assertThat(parts[2]).isEqualTo(hs256(SECRET, parts[0] + "." + parts[1]));

    long iat = CLOCK.instant().getEpochSecond();
    JsonNode c = claims(jwt);
    assertThat(c.path("sub").asString()).isEqualTo("local-organization");
    assertThat(c.path("roles").get(0).asString()).isEqualTo("ORGANIZATION");
    assertThat(c.path("roles").size()).isEqualTo(1);
    assertThat(c.path("org").asString()).isEqualTo("ORG-7");
    assertThat(c.path("iss").asString()).isEqualTo("village-local");
    assertThat(c.path("iat").asLong()).isEqualTo(iat);
    assertThat(c.path("exp").asLong()).isEqualTo(iat + 12 * 3600);
    assertThat(c.has("township")).isFalse();
  }

  @Test
  void rs256TokensCarryTheKidAndVerifyWithThePublicKeyOnly() throws Exception {
    SigningKey key = SigningKey.generate();
    String jwt = Tokens.sign(key, "http://localhost:8085", "a\"b\\c\n\u0001", List.of("TOWNSHIP"), null, "城关镇",
        Duration.ofMinutes(5), CLOCK);
    SignedJWT parsed = SignedJWT.parse(jwt);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(parsed.getHeader().getKeyID()).isEqualTo(key.kid());
    RSAKey published = (RSAKey) JWKSet.parse(key.publicJwkSetJson()).getKeys().get(0);
    assertThat(published.isPrivate()).isFalse();
    assertThat(parsed.verify(new RSASSAVerifier(published))).isTrue();
    assertThat(SignedJWT.parse(jwt).verify(new RSASSAVerifier(SigningKey.generate(key.kid()).jwk().toRSAKey()))).isFalse();
    JsonNode c = claims(jwt);
    assertThat(c.path("township").asString()).isEqualTo("城关镇");
    assertThat(c.path("sub").asString()).isEqualTo("a\"b\\c\n\u0001");
    assertThat(c.path("iss").asString()).isEqualTo("http://localhost:8085");
    assertThat(c.path("exp").asLong()).isEqualTo(CLOCK.instant().getEpochSecond() + 300);
    assertThat(c.has("org")).isFalse();
  }

  @Test
  void theKeyFileIsReadAsWrittenAndAPublicKeyIsRefused(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.generate();
    Path file = dir.resolve("identity-signing-key.json");
    Files.writeString(file, key.jwk().toJSONString());
    assertThat(SigningKey.read(file).kid()).isEqualTo(key.kid());
    Files.writeString(file, key.publicJwkSetJson());
    assertThatThrownBy(() -> SigningKey.read(file)).hasMessageContaining("private");
    assertThatThrownBy(() -> SigningKey.read(dir.resolve("missing.json")))
        .hasMessageContaining("identity-service writes it on its first start");

    Files.writeString(file, key.jwk().toJSONString());
    String county = DevStack.token(List.of("COUNTY"), Map.of("key-file", file.toString(), "issuer", "http://localhost:8085"), null);
    assertThat(SignedJWT.parse(county).verify(new RSASSAVerifier(key.jwk().toPublicJWK()))).isTrue();
    assertThat(claims(county).path("iss").asString()).isEqualTo("http://localhost:8085");
    assertThat(claims(county).path("sub").asString()).isEqualTo("local-county");
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
