package org.netlab.rpc.client.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.LongConsumer;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import picocli.CommandLine;

/**
 * The calls {@code bench} can make, named as on its command line ({@code calc.add}). Each binds to
 * a client as a {@link LongConsumer} that makes one call, given the call's sequence number.
 */
public enum BenchCall {
  CALC_ADD("calc.add"),
  CALC_SUBTRACT("calc.subtract"),
  CALC_MULTIPLY("calc.multiply"),
  CALC_DIVIDE("calc.divide"),
  CALC_ABS("calc.abs"),
  /** Finds one entry, {@value #FIND_NAME}, added first if missing. */
  PHONEBOOK_FIND("phonebook.find"),
  /** Adds a new entry per call, named {@code bench-RUN-SEQUENCE}: every call is a durable write. */
  PHONEBOOK_ADD("phonebook.add"),
  /** Rewrites the number of one entry, {@value #UPDATE_NAME}, added first if missing. */
  PHONEBOOK_UPDATE("phonebook.update"),
  PHONEBOOK_COUNT("phonebook.count"),
  /** Lists the entries starting with {@code bench-find}: one entry unless others were added. */
  PHONEBOOK_LIST("phonebook.list");

  public static final String FIND_NAME = "bench-find";
  public static final String UPDATE_NAME = "bench-update";
  private static final String NUMBER = "+1 555 0100";

  private final String label;

  BenchCall(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean usesCalculator() {
    return label.startsWith("calc.");
  }

  /** Arguments vary with the sequence number so that no layer can cache an answer. */
  public LongConsumer bind(Calculator calculator) {
    return switch (this) {
      case CALC_ADD -> n -> calculator.add(n, 0.5);
      case CALC_SUBTRACT -> n -> calculator.subtract(n, 0.5);
      case CALC_MULTIPLY -> n -> calculator.multiply(n, 1.5);
      case CALC_DIVIDE -> n -> calculator.divide(n, 3.0);
      case CALC_ABS -> n -> calculator.abs(-n);
      default -> throw new IllegalStateException(label + " is not a calculator call");
    };
  }

  /**
   * Binds to the phonebook, first adding the entry that find, update and list use.
   *
   * @param run a tag unique to this run, which makes the names phonebook.add uses unique
   */
  public LongConsumer bind(Phonebook phonebook, String run) {
    return switch (this) {
      case PHONEBOOK_FIND -> {
        ensureEntry(phonebook, FIND_NAME);
        yield n -> phonebook.find(FIND_NAME);
      }
      case PHONEBOOK_ADD -> n -> phonebook.add(addedName(run, n), NUMBER);
      case PHONEBOOK_UPDATE -> {
        ensureEntry(phonebook, UPDATE_NAME);
        yield n -> phonebook.update(UPDATE_NAME, "+1 555 " + (1000 + n % 9000));
      }
      case PHONEBOOK_COUNT -> n -> phonebook.count();
      case PHONEBOOK_LIST -> {
        ensureEntry(phonebook, FIND_NAME);
        yield n -> phonebook.list(FIND_NAME);
      }
      default -> throw new IllegalStateException(label + " is not a phonebook call");
    };
  }

  /** The name phonebook.add uses for call {@code n} of run {@code run}. */
  public static String addedName(String run, long n) {
    return addedNamePrefix(run) + n;
  }

  /** What every name phonebook.add uses in run {@code run} starts with. */
  public static String addedNamePrefix(String run) {
    return "bench-" + run + "-";
  }

  private static void ensureEntry(Phonebook phonebook, String name) {
    try {
      phonebook.add(name, NUMBER);
    } catch (ServiceException e) {
      if (e.code() != ErrorCode.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  /** Reads {@code calc.add} and the other labels. */
  public static final class Converter implements CommandLine.ITypeConverter<BenchCall> {
    @Override
    public BenchCall convert(String text) {
      for (BenchCall call : values()) {
        if (call.label.equals(text)) {
          return call;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown call '" + text + "'; use one of " + String.join(", ", new Labels()));
    }
  }

  /** The labels, for completion and messages. */
  public static final class Labels implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(BenchCall::label).iterator();
    }
  }
}
