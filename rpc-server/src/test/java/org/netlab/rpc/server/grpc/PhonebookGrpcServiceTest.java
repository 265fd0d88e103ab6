package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.netlab.rpc.server.grpc.CalculatorGrpcServiceTest.assertStatus;

import com.google.common.collect.ImmutableList;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.CountEntriesRequest;
import org.netlab.proto.phonebook.v1.Entry;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.ListEntriesRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc.PhonebookServiceBlockingStub;
import org.netlab.proto.phonebook.v1.RemoveAllRequest;
import org.netlab.proto.phonebook.v1.RemoveEntryRequest;
import org.netlab.proto.phonebook.v1.UpdateEntryRequest;
import org.netlab.rpc.contract.GrpcErrors;

/**
 * Every Phonebook RPC and its errors through the adapter and the real store, as a generic gRPC
 * client sees them.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PhonebookGrpcServiceTest {
  @TempDir Path dataDir;
  private JdbcStore store;
  private InProcessServices services;
  private PhonebookServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    store = JdbcStore.openEmbedded(dataDir);
    services = new InProcessServices(new FiniteCalculator(), store.phonebook());
    stub = PhonebookServiceGrpc.newBlockingStub(services.channel());
  }

  @AfterEach
  void stop() throws Exception {
    services.close();
    store.close();
  }

  @Test
  void everyRpcAnswersFromTheStore() {
    assertEquals(entry("Ada", "555-0100"), stub.addEntry(add(" Ada ", "555-0100")));
    stub.addEntry(add("alan", "555-0101"));
    assertEquals(
        entry("Ada", "555-0199"),
        stub.updateEntry(
            UpdateEntryRequest.newBuilder().setName("ADA").setNumber("555-0199").build()));
    assertEquals(entry("Ada", "555-0199"), stub.findNumber(find("ada")));
    assertEquals(2, stub.countEntries(CountEntriesRequest.getDefaultInstance()).getCount());
    assertEquals(
        List.of(entry("Ada", "555-0199"), entry("alan", "555-0101")),
        ImmutableList.copyOf(stub.listEntries(ListEntriesRequest.getDefaultInstance())));
    assertEquals(
        List.of(entry("alan", "555-0101")),
        ImmutableList.copyOf(
            stub.listEntries(ListEntriesRequest.newBuilder().setNamePrefix("AL").build())));
    stub.removeEntry(RemoveEntryRequest.newBuilder().setName("alan").build());
    assertEquals(1, stub.removeAll(RemoveAllRequest.getDefaultInstance()).getRemoved());
    assertEquals(0, stub.countEntries(CountEntriesRequest.getDefaultInstance()).getCount());
  }

  @Test
  void listOfAnEmptyPhonebookIsAnEmptyStream() {
    assertFalse(stub.listEntries(ListEntriesRequest.getDefaultInstance()).hasNext());
  }

  @Test
  void addOfATakenNameIsAlreadyExists() {
    stub.addEntry(add("Ada", "555-0100"));
    assertStatus(
        Status.Code.ALREADY_EXISTS,
        "an entry named 'ada' exists already",
        () -> stub.addEntry(add("ada", "555-0199")));
  }

  @Test
  void invalidNamesNumbersAndPrefixesAreInvalidArgument() {
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "name must not be empty",
        () -> stub.addEntry(add("", "555-0100")));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "number must hold 3 to 20 digits; it holds 2",
        () -> stub.addEntry(add("Ada", "12")));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "number must not be empty",
        () -> stub.updateEntry(UpdateEntryRequest.newBuilder().setName("Ada").build()));
    assertStatus(
        Status.Code.INVALID_ARGUMENT, "name must not be empty", () -> stub.findNumber(find(" ")));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "name must not be empty",
        () -> stub.removeEntry(RemoveEntryRequest.getDefaultInstance()));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "prefix is 101 characters long; the limit is 100",
        () ->
            stub.listEntries(ListEntriesRequest.newBuilder().setNamePrefix("p".repeat(101)).build())
                .hasNext());
  }

  @Test
  void unknownNamesAreNotFound() {
    assertStatus(
        Status.Code.NOT_FOUND,
        "no entry named 'Nobody'",
        () ->
            stub.updateEntry(
                UpdateEntryRequest.newBuilder().setName("Nobody").setNumber("555-0100").build()));
    assertStatus(
        Status.Code.NOT_FOUND, "no entry named 'Nobody'", () -> stub.findNumber(find("Nobody")));
    assertStatus(
        Status.Code.NOT_FOUND,
        "no entry named 'Nobody'",
        () -> stub.removeEntry(RemoveEntryRequest.newBuilder().setName("Nobody").build()));
  }

  @Test
  void aClosedStoreIsUnavailable() {
    store.close();
    assertStatus(
        Status.Code.UNAVAILABLE,
        "the phonebook store is unavailable; try again later",
        () -> stub.countEntries(CountEntriesRequest.getDefaultInstance()));
  }

  @Test
  void anUnexpectedFailureIsInternalAndLeaksNothing() throws Exception {
    try (InProcessServices broken =
        new InProcessServices(new FiniteCalculator(), new BrokenPhonebook())) {
      PhonebookServiceBlockingStub brokenStub =
          PhonebookServiceGrpc.newBlockingStub(broken.channel());
      for (Executable call :
          List.<Executable>of(
              () -> brokenStub.addEntry(add("Ada", "555-0100")),
              () -> brokenStub.findNumber(find("Ada")),
              () -> brokenStub.listEntries(ListEntriesRequest.getDefaultInstance()).hasNext())) {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.INTERNAL, failure.getStatus().getCode());
        assertEquals("internal server error", failure.getStatus().getDescription());
        assertNull(failure.getStatus().getCause());
        assertFalse(
            failure.getTrailers().toString().contains("hunter2"), failure.getTrailers()::toString);
        assertEquals("INTERNAL", failure.getTrailers().get(GrpcErrors.ERROR_CODE));
      }
    }
  }

  private static AddEntryRequest add(String name, String number) {
    return AddEntryRequest.newBuilder().setName(name).setNumber(number).build();
  }

  private static FindNumberRequest find(String name) {
    return FindNumberRequest.newBuilder().setName(name).build();
  }

  private static Entry entry(String name, String number) {
    return Entry.newBuilder().setName(name).setNumber(number).build();
  }
}
