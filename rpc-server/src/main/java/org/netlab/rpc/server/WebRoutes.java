package org.netlab.rpc.server;

import java.io.IOException;
import java.util.List;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.connect.ConnectRoute;
import org.netlab.rpc.server.console.ConsoleRoute;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.metrics.CallMeters;

/** What the HTTPS port serves beside XML-RPC: the one list the server and its tests share. */
public final class WebRoutes {
  private WebRoutes() {}

  /**
   * The JSON gateway and the console, over the same services and the same access checks; the
   * gateway's calls are counted by {@code calls} as Connect's.
   */
  public static List<HttpRoute> standard(
      Calculator calculator, Phonebook phonebook, ServerAccess access, CallMeters calls)
      throws IOException {
    return List.of(
        ConnectRoute.start(calculator, phonebook, access, calls),
        ConsoleRoute.forServices(calculator, phonebook, access));
  }
}
