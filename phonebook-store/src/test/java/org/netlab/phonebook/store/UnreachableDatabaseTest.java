package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UnreachableDatabaseTest {
  private final UnreachableDatabase outage = new UnreachableDatabase();

  @Test
  void whileReachableEveryCallIsAdmitted() {
    assertDoesNotThrow(outage::admit);
    assertDoesNotThrow(outage::admit);
  }

  @Test
  void afterAConnectionFailureCallsFailAtOnceUntilAProbeIsDueThenOneProbes() throws Exception {
    outage.failed(
        new SQLTransientConnectionException(
            "request timed out", null, new SQLException("Connection refused", "08001")));
    SQLException refused = assertThrows(SQLException.class, outage::admit);
    assertEquals("08001", refused.getSQLState());
    TimeUnit.NANOSECONDS.sleep(UnreachableDatabase.PROBE_INTERVAL_NANOS + 50_000_000);
    assertDoesNotThrow(outage::admit, "the probe");
    assertThrows(SQLException.class, outage::admit, "another call while the probe tries");
    outage.reached();
    assertDoesNotThrow(outage::admit, "the outage is over");
  }

  @Test
  void aBusyPoolIsNoOutage() {
    outage.failed(new SQLTransientConnectionException("request timed out after 2000ms"));
    assertDoesNotThrow(outage::admit);
  }
}
