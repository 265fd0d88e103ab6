package org.netlab.datadir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
  @Test
  void explicitVariableWins() {
    assertEquals(
        Path.of("/srv/netlab"),
        DataDirectory.resolve(
            Map.of("NETLAB_DATA_DIR", "/srv/netlab", "XDG_DATA_HOME", "/x"), "/h"));
  }

  @Test
  void xdgDataHomeIsUsedNext() {
    assertEquals(Path.of("/x/netlab"), DataDirectory.resolve(Map.of("XDG_DATA_HOME", "/x"), "/h"));
  }

  @Test
  void defaultIsUnderTheHomeDirectory() {
    assertEquals(Path.of("/h/.local/share/netlab"), DataDirectory.resolve(Map.of(), "/h"));
  }

  @Test
  void aGivenEnvironmentIsReadInsteadOfTheProcesses() {
    assertEquals(
        Path.of("/given/netlab"),
        DataDirectory.defaultPath(Map.of("NETLAB_DATA_DIR", "/given/netlab")));
  }

  @Test
  void adminTokenLiesNextToTheTlsSubdirectory() {
    assertEquals(Path.of("/d/admin.token"), DataDirectory.adminTokenFile(Path.of("/d")));
  }

  @Test
  void caFileIsUnderTheTlsSubdirectory() {
    assertEquals(Path.of("/d/tls/ca.pem"), DataDirectory.caFile(Path.of("/d")));
  }
}
