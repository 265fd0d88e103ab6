package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import org.netlab.labs.cli.RefusedException;
import org.netlab.labs.vault.channel.LabChannelClient;
import org.netlab.labs.vault.channel.LabStatus;

/**
 * {@code vault get --channel lab}: the lab channel's client behind {@link LabChannelFetcher}, with
 * the lab's refusals said as the HTTP ones are.
 */
final class LabChannelDownload implements LabChannelFetcher {
  @Override
  public void fetch(String host, int port, byte[] pinnedServerKey, String path, OutputStream out)
      throws IOException {
    LabChannelClient.Reply reply =
        LabChannelClient.fetch(
            host, port, Base64.getEncoder().encodeToString(pinnedServerKey), path, out);
    if (reply.status() != LabStatus.OK) {
      throw new RefusedException(reply.status().code() + " " + reply.reason() + ": " + path);
    }
  }
}
