package org.netlab.rpc.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.netlab.rpc.contract.ServedBy;

/** The name a server process gives itself in the {@code x-served-by} of its answers. */
public final class ServerName {
  private ServerName() {}

  /**
   * The host's name and the process id, e.g. {@code web1-4711}: distinct for several servers on one
   * machine as on several. Characters a header cannot carry become {@code _}.
   */
  public static String ofProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String name = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
    String pid = "-" + ProcessHandle.current().pid();
    int room = ServedBy.MAX_LENGTH - pid.length();
    return (name.length() > room ? name.substring(0, room) : name) + pid;
  }
}
