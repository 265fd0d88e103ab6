package org.netlab.rpc.client.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.netlab.domain.calculator.Calculator;
import picocli.CommandLine;

/**
 * The one-shot operations of {@code calc} and how many numbers each takes: {@code add} and {@code
 * mul} fold over two or more ({@code add 1 2 3} is {@code (1 + 2) + 3}, one call per step), {@code
 * sub} and {@code div} take exactly two, {@code abs} exactly one.
 */
enum CalcOperation {
  ADD("add", "add", 2, Integer.MAX_VALUE),
  SUB("sub", "subtract", 2, 2),
  MUL("mul", "multiply", 2, Integer.MAX_VALUE),
  DIV("div", "divide", 2, 2),
  ABS("abs", "absolute", 1, 1);

  private final String word;
  private final String longName;
  private final int minOperands;
  private final int maxOperands;

  CalcOperation(String word, String longName, int minOperands, int maxOperands) {
    this.word = word;
    this.longName = longName;
    this.minOperands = minOperands;
    this.maxOperands = maxOperands;
  }

  String word() {
    return word;
  }

  /** A person's description of the operands this operation accepts, or null if they fit. */
  String checkCount(int operands) {
    if (operands >= minOperands && operands <= maxOperands) {
      return null;
    }
    String wanted =
        minOperands == maxOperands ? "exactly " + minOperands : minOperands + " or more";
    return word
        + " takes "
        + wanted
        + (minOperands == 1 && maxOperands == 1 ? " number" : " numbers")
        + ", not "
        + operands;
  }

  /** Calls the service once per step; its refusals propagate. */
  double apply(Calculator calculator, List<Double> operands) {
    Iterator<Double> numbers = operands.iterator();
    double result = numbers.next();
    if (this == ABS) {
      return calculator.abs(result);
    }
    while (numbers.hasNext()) {
      double next = numbers.next();
      result =
          switch (this) {
            case ADD -> calculator.add(result, next);
            case SUB -> calculator.subtract(result, next);
            case MUL -> calculator.multiply(result, next);
            case DIV -> calculator.divide(result, next);
            case ABS -> throw new IllegalStateException("abs takes one operand");
          };
    }
    return result;
  }

  /** Reads the operation word ({@code add}, {@code sub}, ...), also the long names. */
  static final class Converter implements CommandLine.ITypeConverter<CalcOperation> {
    @Override
    public CalcOperation convert(String text) {
      String word = text.toLowerCase(Locale.ROOT);
      for (CalcOperation operation : values()) {
        if (operation.word.equals(word) || operation.longName.equals(word)) {
          return operation;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown operation '" + text + "'; use one of " + words());
    }
  }

  /** Completion candidates for shells. */
  static final class Words implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(CalcOperation::word).iterator();
    }
  }

  static String words() {
    return Arrays.stream(values()).map(CalcOperation::word).collect(Collectors.joining(", "));
  }
}
