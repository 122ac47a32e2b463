package village.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {

  @Test
  void chineseUnlessTheBrowserPrefersEnglish() {
    assertThat(Pages.lang(null)).isEqualTo(Pages.Lang.ZH);
    assertThat(Pages.lang("en-US,en;q=0.9")).isEqualTo(Pages.Lang.EN);
    assertThat(Pages.lang("zh-CN,en;q=0.5")).isEqualTo(Pages.Lang.ZH);
    assertThat(Pages.lang("fr, en;q=0.4")).isEqualTo(Pages.Lang.EN);
    assertThat(Pages.lang("fr")).isEqualTo(Pages.Lang.ZH);
    assertThat(Pages.lang(";;;")).isEqualTo(Pages.Lang.ZH);
  }

  @Test
  void theSignInFormHasLabelsTheCsrfTokenAndEscapesWhatItEchoes() {
    String html = Pages.signIn(Pages.Lang.EN, "_csrf", "tok", "Wrong", "<script>", false);
    assertThat(html).contains("<html lang=\"en\"", "<label for=\"username\">User name</label>", "<label for=\"password\">Password</label>",
        "name=\"_csrf\" value=\"tok\"", "role=\"alert\"", "&lt;script&gt;").doesNotContain("<script>");
  }

  @Test
  void theChangePasswordPageStatesTheRule() {
    String html = Pages.changePassword(Pages.Lang.ZH, "_csrf", "tok", "admin", List.of(), true);
    assertThat(html).contains("至少 10 个字符", "autocomplete=\"new-password\"", "action=\"/change-password\"");
  }
}
