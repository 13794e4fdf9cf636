package dev.keypool.console;

import dev.keypool.testkit.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Steps an operator takes in the console, on top of {@link Browser}: log in, open a page, press a button by its label. */
final class Console {
  /** Every page of the navigation, by its address after "#/" (console/pages.js). */
  static final List<String> PAGES = List.of("overview", "requests", "live", "server-log", "providers", "models",
      "prices", "model-limits", "gateway-keys", "users", "orgs", "settings", "admins", "account", "alerts");

  private final Browser b;
  private final URI base;

  Console(Browser browser, URI adminRoot) {
    this.b = browser;
    this.base = adminRoot;
  }

  Browser browser() {
    return b;
  }

  Console login(String user, String password) {
    b.open(base.resolve("/").toString());
    b.type("form.login input[name=username]", user).type("form.login input[name=password]", password);
    b.click("form.login button[type=submit]");
    b.waitFor("main h1");
    return this;
  }

  Console logout() {
    button("Log out");
    b.waitFor("form.login");
    return this;
  }

  /** Opens a page by its address after "#/" and waits until it has drawn its data. */
  Console go(String address) {
    b.script("location.hash = arguments[0]", "#/" + address);
    return settled();
  }

  /** Waits until the page has a heading and no widget says "Loading…". */
  Console settled() {
    b.waitFor("main h1");
    b.waitUntil("the page's widgets to load", x -> x.all(".state.loading").isEmpty());
    return this;
  }

  /** Clicks the visible, enabled button (or button-styled link) whose text starts with {@code label}. */
  Console button(String label) {
    b.waitUntil("a button \"" + label + "\"", x -> find(label) != null);
    find(label).click();
    return this;
  }

  /** Whether a visible, enabled button starts with {@code label}. */
  boolean hasButton(String label) {
    return find(label) != null;
  }

  /** Types into the field named {@code name} of the open dialog (or of the page when no dialog is open). */
  Console fill(String name, String value) {
    String scope = b.all("dialog[open]").isEmpty() ? "main" : "dialog[open]";
    b.type(scope + " [name='" + name + "']", value);
    return this;
  }

  /** Chooses {@code value} in the select named {@code name} of the open dialog or the page. */
  Console choose(String name, String value) {
    String scope = b.all("dialog[open]").isEmpty() ? "main" : "dialog[open]";
    WebElement select = b.waitFor(scope + " select[name='" + name + "']");
    new org.openqa.selenium.support.ui.Select(select).selectByValue(value);
    return this;
  }

  /** The visible text of the page's main area. */
  String text() {
    return b.waitFor("main").getText();
  }

  Console screenshot(String name) {
    b.screenshot(name);
    return this;
  }

  /** Waits until the main area (and any open dialog) shows {@code text}. */
  Console waitForText(String text) {
    b.waitUntil("\"" + text + "\" on the page", x -> x.driver().findElement(By.tagName("body")).getText().contains(text));
    return this;
  }

  static Duration settle() {
    return Browser.SETTLE;
  }

  private WebElement find(String label) {
    List<WebElement> dialogs = b.all("dialog[open]");
    var scope = dialogs.isEmpty() ? b.driver().findElement(By.tagName("body")) : dialogs.get(dialogs.size() - 1);
    for (WebElement e : scope.findElements(By.cssSelector("button, a.button"))) {
      try {
        if (e.isDisplayed() && e.isEnabled() && e.getText().trim().startsWith(label)) {
          return e;
        }
      } catch (org.openqa.selenium.StaleElementReferenceException gone) {
        // re-rendered meanwhile: the next poll finds the new one
      }
    }
    return null;
  }
}
