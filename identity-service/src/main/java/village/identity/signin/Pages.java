package village.identity.signin;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages identity renders itself: plain HTML, Chinese unless the browser prefers English, labelled fields, the
 * CSRF token in every form, errors announced to screen readers ({@code role="alert"}).
 */
final class Pages {
  enum Lang { ZH, EN }

  private static final Map<String, String[]> TEXT = Map.ofEntries(
      Map.entry("title.signIn", new String[] {"登录 · 村企结对登记", "Sign in · Village Partnership Registry"}),
      Map.entry("title.change", new String[] {"修改密码 · 村企结对登记", "Change password · Village Partnership Registry"}),
      Map.entry("title.home", new String[] {"村企结对登记", "Village Partnership Registry"}),
      Map.entry("username", new String[] {"用户名", "User name"}),
      Map.entry("password", new String[] {"密码", "Password"}),
      Map.entry("signIn", new String[] {"登录", "Sign in"}),
      Map.entry("current", new String[] {"当前密码", "Current password"}),
      Map.entry("new", new String[] {"新密码", "New password"}),
      Map.entry("confirm", new String[] {"再次输入新密码", "New password again"}),
      Map.entry("change", new String[] {"修改密码", "Change password"}),
      Map.entry("mustChange", new String[] {"首次登录或密码已被重置：请先设置新密码。", "Please choose a new password before you continue."}),
      Map.entry("rule", new String[] {"密码至少 10 个字符，至少包含小写字母、大写字母、数字、其他字符中的三类，且不能包含用户名。",
          "At least 10 characters, with at least three of: lower-case letters, upper-case letters, digits, other characters; "
              + "it must not contain the user name."}),
      Map.entry("error.bad", new String[] {"用户名或密码错误。连续输错 5 次账号将被锁定。",
          "Wrong user name or password. After 5 wrong passwords in a row the account is locked."}),
      Map.entry("error.locked", new String[] {"账号已锁定（连续多次密码错误）。请联系管理员解锁。",
          "The account is locked (too many wrong passwords). Ask an administrator to unlock it."}),
      Map.entry("error.disabled", new String[] {"账号已停用。请联系管理员。", "The account is disabled. Ask an administrator."}),
      Map.entry("error.current", new String[] {"当前密码不正确。", "The current password is not right."}),
      Map.entry("error.mismatch", new String[] {"两次输入的新密码不一致。", "The two new passwords differ."}),
      Map.entry("error.same", new String[] {"新密码不能与当前密码相同。", "The new password must differ from the current one."}),
      Map.entry("error.weak", new String[] {"新密码不符合要求：", "The new password does not meet the rule: "}),
      Map.entry("loggedOut", new String[] {"您已退出登录。", "You have signed out."}),
      Map.entry("signedInAs", new String[] {"已登录：", "Signed in as "}),
      Map.entry("signOut", new String[] {"退出登录", "Sign out"}));

  private Pages() {}

  static Lang lang(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) return Lang.ZH;
    try {
      for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
        String range = r.getRange().toLowerCase(Locale.ROOT);
        if (range.startsWith("zh")) return Lang.ZH;
        if (range.startsWith("en")) return Lang.EN;
      }
    } catch (IllegalArgumentException e) {
      return Lang.ZH;
    }
    return Lang.ZH;
  }

  static String t(Lang lang, String key) {
    return TEXT.get(key)[lang.ordinal()];
  }

  static String signIn(Lang lang, String csrfName, String csrf, String error, String username, boolean loggedOut) {
    StringBuilder b = head(lang, t(lang, "title.signIn"));
    b.append("<main><h1>").append(esc(t(lang, "signIn"))).append("</h1>");
    if (error != null) b.append("<p role=\"alert\" class=\"error\" id=\"error\">").append(esc(error)).append("</p>");
    if (loggedOut) b.append("<p role=\"status\">").append(esc(t(lang, "loggedOut"))).append("</p>");
    b.append("<form method=\"post\" action=\"/login\">");
    hidden(b, csrfName, csrf);
    field(b, "username", t(lang, "username"), "text", username, "username", error != null);
    field(b, "password", t(lang, "password"), "password", null, "current-password", error != null);
    b.append("<button type=\"submit\">").append(esc(t(lang, "signIn"))).append("</button></form></main>");
    return tail(b);
  }

  static String changePassword(Lang lang, String csrfName, String csrf, String username, List<String> errors, boolean required) {
    StringBuilder b = head(lang, t(lang, "title.change"));
    b.append("<main><h1>").append(esc(t(lang, "change"))).append("</h1>");
    b.append("<p>").append(esc(t(lang, "signedInAs"))).append("<strong>").append(esc(username)).append("</strong></p>");
    if (required) b.append("<p>").append(esc(t(lang, "mustChange"))).append("</p>");
    for (String e : errors) b.append("<p role=\"alert\" class=\"error\">").append(esc(e)).append("</p>");
    b.append("<form method=\"post\" action=\"").append(SignInController.CHANGE_PASSWORD).append("\">");
    hidden(b, csrfName, csrf);
    field(b, "current", t(lang, "current"), "password", null, "current-password", !errors.isEmpty());
    b.append("<p id=\"rule\">").append(esc(t(lang, "rule"))).append("</p>");
    field(b, "newPassword", t(lang, "new"), "password", null, "new-password", !errors.isEmpty());
    field(b, "confirm", t(lang, "confirm"), "password", null, "new-password", !errors.isEmpty());
    b.append("<button type=\"submit\">").append(esc(t(lang, "change"))).append("</button></form></main>");
    return tail(b);
  }

  static String home(Lang lang, String csrfName, String csrf, String username) {
    StringBuilder b = head(lang, t(lang, "title.home"));
    b.append("<main><h1>").append(esc(t(lang, "title.home"))).append("</h1><p>").append(esc(t(lang, "signedInAs")))
        .append("<strong>").append(esc(username)).append("</strong></p>");
    b.append("<form method=\"post\" action=\"/logout\">");
    hidden(b, csrfName, csrf);
    b.append("<button type=\"submit\">").append(esc(t(lang, "signOut"))).append("</button></form></main>");
    return tail(b);
  }

  private static StringBuilder head(Lang lang, String title) {
    return new StringBuilder(2048).append("<!DOCTYPE html><html lang=\"").append(lang == Lang.ZH ? "zh-CN" : "en")
        .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .append(esc(title)).append("</title><style>body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;max-width:26rem;"
            + "margin:4rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem;"
            + "box-sizing:border-box}button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a4000f;"
            + "border-left:4px solid #a4000f;padding-left:.5rem}</style></head><body>");
  }

  private static String tail(StringBuilder b) {
    return b.append("</body></html>").toString();
  }

  private static void hidden(StringBuilder b, String name, String value) {
    b.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"").append(esc(value)).append("\">");
  }

  private static void field(StringBuilder b, String name, String label, String type, String value, String autocomplete, boolean invalid) {
    b.append("<label for=\"").append(name).append("\">").append(esc(label)).append("</label><input id=\"").append(name)
        .append("\" name=\"").append(name).append("\" type=\"").append(type).append("\" autocomplete=\"").append(autocomplete)
        .append("\" required");
    if (invalid) b.append(" aria-invalid=\"true\" aria-describedby=\"error\"");
    if (value != null) b.append(" value=\"").append(esc(value)).append("\"");
    b.append(">");
  }

  private static String esc(String s) {
    return s == null ? "" : htmlEscape(s, "UTF-8");
  }
}
