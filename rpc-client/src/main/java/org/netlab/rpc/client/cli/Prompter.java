package org.netlab.rpc.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * Asks questions on a line-based conversation and re-asks until the answer is usable. Every method
 * returns empty when input ends, so a menu can stop cleanly there.
 */
final class Prompter {
  private static final int MAX_LINE = 4096;

  private final BufferedReader in;
  private final PrintWriter out;

  Prompter(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  PrintWriter out() {
    return out;
  }

  /** Prints {@code prompt} and returns the next line, stripped; empty at end of input. */
  Optional<String> line(String prompt) {
    out.print(prompt);
    out.flush();
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (line == null) {
      out.println();
      out.flush();
      return Optional.empty();
    }
    if (line.length() > MAX_LINE) {
      line = line.substring(0, MAX_LINE);
    }
    return Optional.of(line.strip());
  }

  /** A line that is not blank; re-asks on a blank one. */
  Optional<String> text(String prompt) {
    while (true) {
      Optional<String> answer = line(prompt);
      if (answer.isEmpty() || !answer.get().isEmpty()) {
        return answer;
      }
      out.println("please type something");
    }
  }

  /** A finite decimal number; re-asks on anything else. */
  OptionalDouble number(String prompt) {
    while (true) {
      Optional<String> answer = line(prompt);
      if (answer.isEmpty()) {
        return OptionalDouble.empty();
      }
      OptionalDouble number = NumberText.parse(answer.get());
      if (number.isPresent()) {
        return number;
      }
      out.println("'" + shorten(answer.get()) + "' is not a number, such as 42, -3.5 or 1e6");
    }
  }

  /** A whole number from {@code min} to {@code max}; re-asks on anything else. */
  OptionalInt choice(String prompt, int min, int max) {
    while (true) {
      Optional<String> answer = line(prompt);
      if (answer.isEmpty()) {
        return OptionalInt.empty();
      }
      String text = answer.get();
      if (text.matches("\\d{1,3}")) {
        int value = Integer.parseInt(text);
        if (value >= min && value <= max) {
          return OptionalInt.of(value);
        }
      }
      out.println(
          "'" + shorten(text) + "' is not a choice; type a number from " + min + " to " + max);
    }
  }

  /**
   * Runs a numbered menu until the person quits or input ends: shows {@code heading}, then again
   * and again the items from 1 with {@code 0 quit} last, and hands each choice to {@code perform},
   * which returns false when input ended in the middle.
   */
  void menu(String heading, List<String> items, IntPredicate perform) {
    out.println(heading);
    while (true) {
      out.println();
      for (int i = 0; i < items.size(); i++) {
        out.println("  " + (i + 1) + "  " + items.get(i));
      }
      out.println("  0  quit");
      OptionalInt choice = choice("choice: ", 0, items.size());
      if (choice.isEmpty() || choice.getAsInt() == 0 || !perform.test(choice.getAsInt())) {
        out.println("bye");
        out.flush();
        return;
      }
    }
  }

  /** True only for an explicit yes; end of input counts as no. */
  boolean confirm(String prompt) {
    Optional<String> answer = line(prompt + " [y/N] ");
    return answer.isPresent() && answer.get().matches("(?i)y|yes");
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
