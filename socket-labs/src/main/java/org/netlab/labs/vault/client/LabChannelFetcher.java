package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Fetches one file from a vault server over the lab's encrypted channel instead of HTTPS: what
 * {@code vault get --channel lab --pin KEY} calls. The lab channel's client ({@code
 * LabChannelClient.fetch} in {@code org.netlab.labs.vault.channel}) implements it, through {@link
 * LabChannelDownload}; tests may give another.
 */
@FunctionalInterface
public interface LabChannelFetcher {
  /**
   * Writes the file at {@code path} in the vault to {@code out}.
   *
   * @param pinnedServerKey the server's public key as given to {@code --pin}, Base64-decoded: the
   *     channel trusts this key and no other
   * @param path the path in the vault, percent-decoded, starting with {@code /}
   * @throws org.netlab.labs.cli.RefusedException when the server refuses the file (exit 1)
   * @throws IOException when the server cannot be reached, proves another key, or stops answering
   */
  void fetch(String host, int port, byte[] pinnedServerKey, String path, OutputStream out)
      throws IOException;
}
