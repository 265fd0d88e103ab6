package org.netlab.labs.ftp;

import java.io.IOException;
import java.net.Socket;
import org.apache.commons.net.ftp.FTPClient;

/**
 * Commons Net's FTPClient with the raw data socket exposed, for tests that must see the bytes on
 * the wire or break a transfer halfway.
 */
public final class RawDataFtpClient extends FTPClient {
  /** Sends the command on a fresh data connection; null when the server refused it. */
  public Socket openData(String command, String argument) throws IOException {
    return _openDataConnection_(command, argument);
  }
}
