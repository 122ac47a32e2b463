package village.identity.oauth;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorizations (codes, access, refresh and ID tokens, the authorization request and who signed in) in MongoDB, so any
 * instance continues what another began. Collection {@code authorizations}: {@code _id} = the authorization id, the
 * authorization serialized (JDK serialization of Spring's {@link OAuth2Authorization}, read back only through an
 * allow-list filter of the packages it consists of). Collection {@code authorization_tokens}: {@code _id} =
 * {@code <kind>:<sha-256 of the token value>} → the authorization id, so a look-up by token hits {@code _id} and no token
 * value is stored as a key. A look-up only answers if the authorization still holds that token.
 */
class MongoAuthorizations implements OAuth2AuthorizationService {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MongoAuthorizations.class);
  static final List<String> KINDS = List.of(OAuth2ParameterNames.STATE, OAuth2ParameterNames.CODE,
      OAuth2TokenType.ACCESS_TOKEN.getValue(), OAuth2TokenType.REFRESH_TOKEN.getValue(), OidcParameterNames.ID_TOKEN);
  private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
      "maxdepth=40;java.lang.*;java.util.*;java.time.*;java.net.URL;java.net.URI;"
          + "org.springframework.security.**;org.springframework.util.LinkedMultiValueMap;org.springframework.util.LinkedCaseInsensitiveMap;"
          + "java.util.Collections$*;!*");

  private final MongoCollection<Document> authorizations;
  private final MongoCollection<Document> lookups;

  MongoAuthorizations(MongoDatabase db) {
    this.authorizations = db.getCollection("authorizations");
    this.lookups = db.getCollection("authorization_tokens");
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    Objects.requireNonNull(authorization, "authorization");
    Map<String, String> keys = keys(authorization);
    Document previous = authorizations.find(eq("_id", authorization.getId())).projection(new Document("lookups", 1)).first();
    for (String key : keys.keySet()) {
      lookups.replaceOne(eq("_id", key), new Document("_id", key).append("authorizationId", authorization.getId()),
          new ReplaceOptions().upsert(true));
    }
    authorizations.replaceOne(eq("_id", authorization.getId()), new Document("_id", authorization.getId())
        .append("clientId", authorization.getRegisteredClientId()).append("principal", authorization.getPrincipalName())
        .append("grantType", authorization.getAuthorizationGrantType().getValue())
        .append("lookups", new ArrayList<>(keys.keySet())).append("value", new Binary(serialize(authorization))),
        new ReplaceOptions().upsert(true));
    if (previous != null) {
      List<String> stale = new ArrayList<>(previous.getList("lookups", String.class, List.of()));
      stale.removeAll(keys.keySet());
      if (!stale.isEmpty()) lookups.deleteMany(in("_id", stale));
    }
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    Document d = authorizations.findOneAndDelete(eq("_id", authorization.getId()));
    List<String> keys = new ArrayList<>(keys(authorization).keySet());
    if (d != null) keys.addAll(d.getList("lookups", String.class, List.of()));
    if (!keys.isEmpty()) lookups.deleteMany(in("_id", keys));
  }

  @Override
  public OAuth2Authorization findById(String id) {
    Document d = authorizations.find(eq("_id", id)).first();
    return d == null ? null : deserialize(d.get("value", Binary.class).getData());
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (token == null || token.isEmpty()) return null;
    List<String> kinds = tokenType == null ? KINDS : List.of(tokenType.getValue());
    for (String kind : kinds) {
      Document l = lookups.find(eq("_id", key(kind, token))).first();
      if (l == null) continue;
      OAuth2Authorization a = findById(l.getString("authorizationId"));
      if (a != null && token.equals(keys(a).get(key(kind, token)))) return a;
    }
    return null;
  }

  /** Look-up key → token value, for every token the authorization holds now. */
  static Map<String, String> keys(OAuth2Authorization a) {
    Map<String, String> keys = new LinkedHashMap<>();
    String state = a.getAttribute(OAuth2ParameterNames.STATE);
    if (state != null) keys.put(key(OAuth2ParameterNames.STATE, state), state);
    put(keys, OAuth2ParameterNames.CODE, a.getToken(OAuth2AuthorizationCode.class));
    put(keys, OAuth2TokenType.ACCESS_TOKEN.getValue(), a.getToken(OAuth2AccessToken.class));
    put(keys, OAuth2TokenType.REFRESH_TOKEN.getValue(), a.getToken(OAuth2RefreshToken.class));
    put(keys, OidcParameterNames.ID_TOKEN, a.getToken(OidcIdToken.class));
    return keys;
  }

  private static void put(Map<String, String> keys, String kind, OAuth2Authorization.Token<? extends OAuth2Token> t) {
    if (t != null) keys.put(key(kind, t.getToken().getTokenValue()), t.getToken().getTokenValue());
  }

  static String key(String kind, String value) {
    try {
      return kind + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] serialize(OAuth2Authorization a) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("authorization " + a.getId() + " cannot be serialized", e);
    }
  }

  static OAuth2Authorization deserialize(byte[] data) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      in.setObjectInputFilter(ALLOWED);
      return (OAuth2Authorization) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      // e.g. written by another Spring Security version: the authorization is gone, the user signs in again
      log.warn("A stored authorization cannot be read ({}); it counts as gone", e.toString());
      return null;
    }
  }
}
