package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.EntryRules;
import org.netlab.domain.phonebook.Phonebook;

/**
 * The phonebook menu: add, find, update, count, remove, remove all (after a confirmation), list,
 * quit. A name or number the domain's rules refuse is asked again; refusals of the service are
 * shown as one line and the menu goes on; it ends at 0 or at the end of input.
 */
final class PhonebookMenu {
  private static final List<String> ITEMS =
      List.of("add", "find", "update", "count", "remove", "remove all", "list");

  private final Phonebook phonebook;
  private final Prompter prompter;
  private final PhonebookOutput output;
  private final PrintWriter out;

  PhonebookMenu(Phonebook phonebook, Prompter prompter, PhonebookOutput output) {
    this.phonebook = phonebook;
    this.prompter = prompter;
    this.output = output;
    this.out = prompter.out();
  }

  void run(String server) {
    prompter.menu("Phonebook at " + server, ITEMS, this::perform);
  }

  /** Runs one operation; false when input ended in the middle of it. */
  private boolean perform(int choice) {
    try {
      return switch (choice) {
        case 1 -> withNameAndNumber((name, number) -> output.added(phonebook.add(name, number)));
        case 2 -> withName(name -> output.found(phonebook.find(name)));
        case 3 ->
            withNameAndNumber((name, number) -> output.updated(phonebook.update(name, number)));
        case 4 -> {
          output.count(phonebook.count());
          yield true;
        }
        case 5 ->
            withName(
                name -> {
                  phonebook.remove(name);
                  output.removed(name);
                });
        case 6 -> removeAll();
        case 7 -> list();
        default -> throw new IllegalStateException("menu choice " + choice);
      };
    } catch (ServiceException refused) {
      out.println("error: " + ErrorReporter.refusal(refused));
      out.flush();
      return true;
    }
  }

  private boolean withName(Consumer<String> action) {
    Optional<String> name = ask("name: ", EntryRules::name);
    name.ifPresent(action);
    return name.isPresent();
  }

  private boolean withNameAndNumber(BiConsumer<String, String> action) {
    Optional<String> name = ask("name: ", EntryRules::name);
    if (name.isEmpty()) {
      return false;
    }
    Optional<String> number = ask("number: ", EntryRules::number);
    number.ifPresent(n -> action.accept(name.get(), n));
    return number.isPresent();
  }

  /**
   * Asks until the answer passes the domain's {@code rule} (the one the server applies), so that a
   * mistyped number is asked again instead of costing the name typed before it.
   */
  private Optional<String> ask(String prompt, UnaryOperator<String> rule) {
    while (true) {
      Optional<String> answer = prompter.text(prompt);
      if (answer.isEmpty()) {
        return answer;
      }
      try {
        rule.apply(answer.get());
        return answer;
      } catch (ServiceException invalid) {
        out.println(invalid.getMessage());
      }
    }
  }

  private boolean removeAll() {
    long count = phonebook.count();
    if (prompter.confirm("remove all " + PhonebookOutput.entries(count) + "?")) {
      output.cleared(phonebook.removeAll());
    } else {
      out.println("nothing removed");
    }
    return true;
  }

  private boolean list() {
    Optional<String> prefix = prompter.line("name prefix (empty for all): ");
    prefix.ifPresent(p -> output.list(p, phonebook.list(p)));
    return prefix.isPresent();
  }
}
