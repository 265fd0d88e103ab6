package org.netlab.labs.ftp.server;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.netlab.tls.SslContexts;
import org.netlab.tls.TlsFiles;

/**
 * The TLS context an FTPS server needs: the JDK's, with stateful session resumption only. A data
 * connection is taken only when it resumes its control connection's TLS session ({@link
 * DataChannelSetup}), which the server checks by finding that very session in its cache. The JDK
 * would otherwise hand TLS 1.2 clients stateless session tickets (RFC 5077), and a session resumed
 * from a ticket is a new object with an id of the client's choosing: OpenSSL clients (curl, Python)
 * would then be refused.
 */
public final class FtpsContexts {
  /** Read by the JDK when it creates a context's session cache. */
  private static final String TICKETS = "jdk.tls.server.enableSessionTicketExtension";

  private FtpsContexts() {}

  /**
   * A server context presenting {@code files.chain()}, without stateless session tickets. The JDK
   * reads that setting from a system property when a context is created; it is set for that moment
   * and then restored, so other contexts of the JVM keep theirs.
   */
  public static SSLContext forServer(TlsFiles files) throws IOException {
    synchronized (FtpsContexts.class) {
      String before = System.getProperty(TICKETS);
      System.setProperty(TICKETS, "false");
      try {
        return SslContexts.forServer(files);
      } finally {
        if (before == null) {
          System.clearProperty(TICKETS);
        } else {
          System.setProperty(TICKETS, before);
        }
      }
    }
  }
}
