package org.netlab.rpc.client.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongFunction;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.AsyncCalculator;
import org.netlab.rpc.client.AsyncPhonebook;
import picocli.CommandLine;

/**
 * The calls {@code bench} can make, named as on its command line ({@code calc.add}). Each binds to
 * a client as a function that starts one call, given the call's sequence number, and checks its
 * answer.
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

  /**
   * One call per sequence number, checked: an answer other than the one the call must get completes
   * the future with {@link WrongAnswer}. Arguments vary with the sequence number so that no layer
   * can cache an answer.
   */
  public LongFunction<CompletableFuture<?>> bind(AsyncCalculator calculator) {
    return switch (this) {
      case CALC_ADD -> n -> expect(calculator.add(n, 0.5), n + 0.5);
      case CALC_SUBTRACT -> n -> expect(calculator.subtract(n, 0.5), n - 0.5);
      case CALC_MULTIPLY -> n -> expect(calculator.multiply(n, 1.5), n * 1.5);
      case CALC_DIVIDE -> n -> expect(calculator.divide(n, 3.0), n / 3.0);
      case CALC_ABS -> n -> expect(calculator.abs(-n), (double) n);
      default -> throw new IllegalStateException(label + " is not a calculator call");
    };
  }

  /**
   * Binds to the phonebook, first adding the entry that find, update and list use; answers are
   * checked as for the calculator.
   *
   * @param run a tag unique to this run, which makes the names phonebook.add uses unique
   */
  public LongFunction<CompletableFuture<?>> bind(AsyncPhonebook phonebook, String run) {
    return switch (this) {
      case PHONEBOOK_FIND -> {
        ensureEntry(phonebook, FIND_NAME);
        yield n -> expect(phonebook.find(FIND_NAME), new Entry(FIND_NAME, NUMBER));
      }
      case PHONEBOOK_ADD ->
          n -> {
            String name = addedName(run, n);
            return expect(phonebook.add(name, NUMBER), new Entry(name, NUMBER));
          };
      case PHONEBOOK_UPDATE -> {
        ensureEntry(phonebook, UPDATE_NAME);
        yield n -> {
          String number = "+1 555 " + (1000 + n % 9000);
          return expect(phonebook.update(UPDATE_NAME, number), new Entry(UPDATE_NAME, number));
        };
      }
      case PHONEBOOK_COUNT ->
          n -> phonebook.count().thenApply(count -> require(count > 0, "a positive count", count));
      case PHONEBOOK_LIST -> {
        ensureEntry(phonebook, FIND_NAME);
        yield n ->
            phonebook
                .list(FIND_NAME)
                .thenApply(
                    entries ->
                        require(
                            entries.contains(new Entry(FIND_NAME, NUMBER)),
                            "a list with " + FIND_NAME,
                            entries));
      }
      default -> throw new IllegalStateException(label + " is not a phonebook call");
    };
  }

  private <T> CompletableFuture<T> expect(CompletableFuture<T> answer, T expected) {
    return answer.thenApply(got -> require(expected.equals(got), expected, got));
  }

  private <T> T require(boolean right, Object expected, T got) {
    if (!right) {
      throw new WrongAnswer(label, expected, got);
    }
    return got;
  }

  /** The name phonebook.add uses for call {@code n} of run {@code run}. */
  public static String addedName(String run, long n) {
    return addedNamePrefix(run) + n;
  }

  /** What every name phonebook.add uses in run {@code run} starts with. */
  public static String addedNamePrefix(String run) {
    return "bench-" + run + "-";
  }

  private static void ensureEntry(AsyncPhonebook phonebook, String name) {
    try {
      phonebook.add(name, NUMBER).join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof ServiceException refusal)
          || refusal.code() != ErrorCode.ALREADY_EXISTS) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
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
