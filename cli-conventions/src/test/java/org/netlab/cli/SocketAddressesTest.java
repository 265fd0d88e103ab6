package org.netlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {
  @Test
  void addressesHaveNoLeadingSlashAndIpv6IsBracketed() throws Exception {
    assertEquals(
        "127.0.0.1:2121",
        SocketAddresses.text(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 2121)));
    assertEquals(
        "[0:0:0:0:0:0:0:1]:79",
        SocketAddresses.text(new InetSocketAddress(InetAddress.getByName("::1"), 79)));
    assertEquals(
        "127.0.0.1:21",
        SocketAddresses.text(
            new InetSocketAddress(
                InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), 21)));
    assertEquals(
        "example.org:21",
        SocketAddresses.text(InetSocketAddress.createUnresolved("example.org", 21)));
  }
}
