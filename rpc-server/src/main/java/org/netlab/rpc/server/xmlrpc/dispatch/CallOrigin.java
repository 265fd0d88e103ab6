package org.netlab.rpc.server.xmlrpc.dispatch;

import java.net.InetAddress;
import org.netlab.access.Caller;

/**
 * Who made an XML-RPC call and from where: what every method it runs, the calls of a multicall
 * included, is checked against.
 *
 * @param source the client's address, null when unknown
 */
public record CallOrigin(Caller caller, InetAddress source) {}
