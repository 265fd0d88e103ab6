package org.netlab.rpc.client.xmlrpc;

import org.netlab.domain.calculator.Calculator;

/**
 * The {@link Calculator} of a netlab server, over XML-RPC ({@code calculator.*}). Errors are the
 * domain's {@link org.netlab.domain.ServiceException}, or a {@link
 * org.netlab.rpc.client.TransportException} when the server never answered.
 */
final class XmlRpcCalculatorClient implements Calculator {
  private final XmlRpcCalls connection;

  /** Calls over {@code connection}, which its owner closes. */
  XmlRpcCalculatorClient(XmlRpcCalls connection) {
    this.connection = connection;
  }

  @Override
  public double add(double x, double y) {
    return connection.call(Double.class, "calculator.add", x, y);
  }

  @Override
  public double subtract(double x, double y) {
    return connection.call(Double.class, "calculator.subtract", x, y);
  }

  @Override
  public double multiply(double x, double y) {
    return connection.call(Double.class, "calculator.multiply", x, y);
  }

  @Override
  public double divide(double x, double y) {
    return connection.call(Double.class, "calculator.divide", x, y);
  }

  @Override
  public double abs(double x) {
    return connection.call(Double.class, "calculator.abs", x);
  }
}
