package village.gateway.security.login;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Present only when the gateway signs browsers in: it has its client secret at the identity provider — the same
 * rule as {@link LoginProperties#enabled()}, so the security chain and these beans never disagree.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnBrowserSignIn.SecretSet.class)
public @interface OnBrowserSignIn {

  final class SecretSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return LoginProperties.hasSecret(context.getEnvironment().getProperty("village.gateway.login.client-secret"));
    }
  }
}
