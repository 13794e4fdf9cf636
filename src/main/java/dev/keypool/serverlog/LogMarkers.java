package dev.keypool.serverlog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Markers that decide where a log line may go. */
public final class LogMarkers {
  /**
   * For the few lines that must hand a generated secret to the operator (the first admin password, the
   * first gateway key): they go to the console only, never to the admin API's log view nor to the log
   * file it serves, which viewers may read.
   */
  public static final Marker CONSOLE_ONLY = MarkerFactory.getMarker("KEYPOOL_CONSOLE_ONLY");

  private LogMarkers() {}

  static boolean consoleOnly(ILoggingEvent event) {
    var markers = event.getMarkerList();
    if (markers == null) {
      return false;
    }
    for (Marker m : markers) {
      if (m.contains(CONSOLE_ONLY)) {
        return true;
      }
    }
    return false;
  }
}
