package village.identity.oauth;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/** Consents in MongoDB, collection {@code consents}: {@code _id} = client id and principal, the granted authorities. */
class MongoConsents implements OAuth2AuthorizationConsentService {
  private final MongoCollection<Document> consents;

  MongoConsents(MongoDatabase db) {
    this.consents = db.getCollection("consents");
  }

  @Override
  public void save(OAuth2AuthorizationConsent consent) {
    String id = id(consent.getRegisteredClientId(), consent.getPrincipalName());
    consents.replaceOne(eq("_id", id), new Document("_id", id).append("clientId", consent.getRegisteredClientId())
        .append("principal", consent.getPrincipalName())
        .append("authorities", consent.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public void remove(OAuth2AuthorizationConsent consent) {
    consents.deleteOne(eq("_id", id(consent.getRegisteredClientId(), consent.getPrincipalName())));
  }

  @Override
  public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
    Document d = consents.find(eq("_id", id(registeredClientId, principalName))).first();
    if (d == null) return null;
    var b = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
    d.getList("authorities", String.class).forEach(a -> b.authority(new SimpleGrantedAuthority(a)));
    return b.build();
  }

  static String id(String clientId, String principal) {
    return clientId + "|" + principal;
  }
}
