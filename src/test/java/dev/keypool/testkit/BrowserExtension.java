package dev.keypool.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * One {@link Browser} per test class, reset before each test, with a screenshot of the page a test
 * failed on (target/screenshots/CLASS-METHOD-failed.png):
 *
 * <pre>{@code
 * @RegisterExtension static final BrowserExtension browser = new BrowserExtension();
 * @Test void keysPage() { browser.get().open(url).waitFor("table"); browser.get().assertClean(); }
 * }</pre>
 */
public final class BrowserExtension implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback,
    AfterAllCallback {
  private Browser browser;
  private TestAbortedException skipped;

  public Browser get() {
    if (browser == null) {
      throw new IllegalStateException("the browser starts before the class's tests: register this as a static field");
    }
    return browser;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    try {
      browser = Browser.start();
    } catch (TestAbortedException e) {
      skipped = e; // each test then reports itself skipped, so the count shows in the build's summary
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (skipped != null) {
      throw skipped;
    }
    get().reset();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (browser != null && context.getExecutionException().isPresent()) {
      String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
      try {
        System.err.println("screenshot of the failed test: " + browser.screenshot(name + "-failed").toAbsolutePath());
      } catch (RuntimeException e) {
        context.getExecutionException().get().addSuppressed(e);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
