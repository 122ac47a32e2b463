package village.support.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import village.support.config.VillageProperties;

/** Request ids, the body size limit and the request guard (media types, URL encoding) run before everything else, security included. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
    var r = new FilterRegistrationBean<>(new RequestIdFilter());
    r.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return r;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(VillageProperties props, ProblemWriter problems) {
    var r = new FilterRegistrationBean<>(new BodySizeLimitFilter(props.maxBodyBytes(), problems));
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return r;
  }

  @Bean
  FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(ProblemWriter problems) {
    var r = new FilterRegistrationBean<>(new RequestGuardFilter(problems));
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return r;
  }
}
