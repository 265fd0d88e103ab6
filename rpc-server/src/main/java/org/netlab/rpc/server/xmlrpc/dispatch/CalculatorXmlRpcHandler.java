package org.netlab.rpc.server.xmlrpc.dispatch;

import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.required;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.netlab.access.Operation;
import org.netlab.domain.calculator.Calculator;

/**
 * The calculator's XML-RPC methods, {@code calculator.*} and the lab's names ({@code add}, {@code
 * mult}, {@code diff}, {@code quotient}, {@code absolue}), all onto one shared {@link Calculator}.
 * Numbers may come as {@code <int>} or {@code <double>}; results are doubles.
 */
final class CalculatorXmlRpcHandler {
  private final Calculator calculator;

  CalculatorXmlRpcHandler(Calculator calculator) {
    this.calculator = calculator;
  }

  List<XmlRpcMethod> methods() {
    XmlRpcMethod add = binary("calculator.add", "Returns x + y.", calculator::add);
    XmlRpcMethod subtract = binary("calculator.subtract", "Returns x - y.", calculator::subtract);
    XmlRpcMethod multiply = binary("calculator.multiply", "Returns x * y.", calculator::multiply);
    XmlRpcMethod divide =
        binary("calculator.divide", "Returns x / y; y = 0 is refused.", calculator::divide);
    XmlRpcMethod abs =
        new XmlRpcMethod(
            Operation.CALCULATE,
            "calculator.abs",
            "double",
            List.of(required("x", "double")),
            "Returns |x|.",
            args -> calculator.abs(args.number(0)));
    return List.of(
        add,
        subtract,
        multiply,
        divide,
        abs,
        add.alias("add"),
        multiply.alias("mult"),
        subtract.alias("diff"),
        divide.alias("quotient"),
        abs.alias("absolue"));
  }

  private static XmlRpcMethod binary(String name, String help, DoubleBinaryOperator operation) {
    return new XmlRpcMethod(
        Operation.CALCULATE,
        name,
        "double",
        List.of(required("x", "double"), required("y", "double")),
        help,
        args -> operation.applyAsDouble(args.number(0), args.number(1)));
  }
}
