package org.netlab.rpc.server.xmlrpc.dispatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.xmlrpc.XmlRpcRequest;
import org.netlab.access.Gatekeeper;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.xmlrpc.XmlRpcCalls;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcCodec;

/**
 * Times the XML-RPC codec alone: one {@code add(2, 3)} call as Python sends it, parsed, executed
 * and answered on one thread, with no HTTP and no TLS. A program, not a test; figures are only
 * comparable on one machine.
 *
 * <p>It times two ways through a call: Apache's stream server around the same codec and methods
 * ({@link ApacheStreamServer}), and the dispatcher's {@code parse}, {@code method} then {@code
 * answer}, as the endpoint's HTTP layer calls them. usage: {@code XmlRpcCodecBenchmark
 * [SECONDS_PER_ROUND] [ROUNDS]} (defaults 2 and 10, after a warm-up of 5 seconds per way), for
 * instance after {@code mvn -B -pl rpc-server -am package -DskipTests}:
 *
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
 *   -cp "rpc-server/target/test-classes:rpc-server/target/classes:rpc-server/target/lib/*" \
 *   org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcCodecBenchmark
 * </pre>
 */
public final class XmlRpcCodecBenchmark {
  private static final long WARM_UP_NANOS = 5_000_000_000L;

  private final XmlRpcDispatcher server;
  private final ApacheStreamServer apache;
  private final byte[] call = XmlRpcCalls.addTwoAndThree().getBytes(StandardCharsets.UTF_8);

  /** Bytes answered so far; read at the end so the work cannot be optimized away. */
  private long answered;

  private XmlRpcCodecBenchmark() {
    XmlRpcCodec codec = new XmlRpcCodec(XmlRpcLimits.defaults().maxNestingDepth());
    XmlRpcMethodTable methods =
        new XmlRpcMethodTable(
            new CalculatorXmlRpcHandler(new FiniteCalculator()).methods(),
            List.of(),
            TestAccess.unchecked());
    server = new XmlRpcDispatcher(codec, methods, Gatekeeper.unchecked());
    apache = new ApacheStreamServer(codec, methods);
  }

  public static void main(String[] args) throws Exception {
    double secondsPerRound = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    XmlRpcCodecBenchmark benchmark = new XmlRpcCodecBenchmark();
    System.out.println("java " + Runtime.version() + ", add(2, 3) as Python sends it");
    benchmark.time(
        "Apache's execute(config, stream)", benchmark::viaExecute, secondsPerRound, rounds);
    benchmark.time("parse, then answer", benchmark::viaParseAndAnswer, secondsPerRound, rounds);
  }

  /** One call, start to answer. */
  @FunctionalInterface
  private interface Way {
    ByteArrayOutputStream call() throws Exception;
  }

  private void time(String name, Way way, double secondsPerRound, int rounds) throws Exception {
    String answer = way.call().toString(StandardCharsets.UTF_8);
    if (!answer.contains("<double>5.0</double>")) {
      throw new IllegalStateException(name + ": add(2, 3) answered " + answer);
    }
    System.out.println(name + ":");
    run(way, WARM_UP_NANOS);
    double[] micros = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      micros[round] = run(way, (long) (secondsPerRound * 1e9));
      System.out.printf("  round %2d: %.2f µs/call%n", round + 1, micros[round]);
    }
    Arrays.sort(micros);
    System.out.printf(
        "  median %.2f µs/call, best %.2f, worst %.2f (%d bytes answered so far)%n",
        micros[rounds / 2], micros[0], micros[rounds - 1], answered);
  }

  /** Calls for about this long; answers the mean time per call in microseconds. */
  private double run(Way way, long nanos) throws Exception {
    long calls = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      for (int i = 0; i < 1000; i++) {
        answered += way.call().size();
      }
      calls += 1000;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    return elapsed / 1e3 / calls;
  }

  private ByteArrayOutputStream viaExecute() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    apache.execute(call, out);
    return out;
  }

  private ByteArrayOutputStream viaParseAndAnswer() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    XmlRpcRequest parsed = server.parse(new ByteArrayInputStream(call));
    server.answer(server.method(parsed), parsed, TestAccess.noCredentials(), out);
    return out;
  }
}
