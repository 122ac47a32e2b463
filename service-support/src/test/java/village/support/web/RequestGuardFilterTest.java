package village.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestGuardFilterTest {
  @ParameterizedTest
  @ValueSource(strings = {"q=a", "q=%E5%9F%8E", "q=a+b&x=%20", "/api/villages/CG001", "%41"})
  void wellEncodedUrlsDecode(String raw) {
    assertThat(RequestGuardFilter.decodes(raw)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"q=%FF%FE", "q=%C0%AF", "q=%ZZ", "q=%", "q=%E", "q=%E5%9F", "/api/%ED%A0%80"})
  void badEncodingOrBadUtf8DoesNot(String raw) {
    assertThat(RequestGuardFilter.decodes(raw)).isFalse();
  }

  @Test
  void onlyOneConcreteMediaTypePasses() {
    assertThat(RequestGuardFilter.refusedMediaType("application/json")).isNull();
    assertThat(RequestGuardFilter.refusedMediaType("application/json; charset=UTF-8")).isNull();
    assertThat(RequestGuardFilter.refusedMediaType("*/*")).contains("wildcard");
    assertThat(RequestGuardFilter.refusedMediaType("application/*")).contains("wildcard");
    assertThat(RequestGuardFilter.refusedMediaType("")).isNotNull();
    assertThat(RequestGuardFilter.refusedMediaType("json")).isNotNull();
    assertThat(RequestGuardFilter.refusedMediaType("application/json; charset=nope")).isNotNull();
  }
}
