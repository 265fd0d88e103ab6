package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.rpc.client.AsyncCalculator;
import org.netlab.rpc.client.AsyncPhonebook;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.bench.BenchCall;
import org.netlab.rpc.client.bench.BenchReport;
import org.netlab.rpc.client.bench.BenchResult;
import org.netlab.rpc.client.bench.LoadGenerator;
import org.netlab.rpc.client.bench.LoadPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bench}: a load generator for either protocol, with latency percentiles. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Load generator: makes one call from many callers, then prints calls/s,",
      "latency percentiles (p50, p90, p99, p99.9, max) and errors by kind.",
      "Closed loop by default: each caller waits for an answer before its next call.",
      "With --rate: open loop, calls start on a fixed schedule and latency counts from",
      "the scheduled start, so stalls are not hidden (coordinated omission).",
      "phonebook.add adds a new entry per call, named bench-RUN-N, and leaves them:",
      "run it against a scratch store. phonebook.find, .update and .list first add",
      "the entry they use (bench-find, bench-update) if missing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client bench --call calc.add --concurrency 16 --duration 10s",
      "  rpc-client bench --call calc.add -c 256 --connections 4   # 64 in flight on each",
      "  rpc-client bench --server https://localhost:8443/RPC2 --call phonebook.find -c 64",
      "  rpc-client bench --call calc.add --rate 5000 -c 64 --duration 30s   # open loop",
      "  rpc-client bench --call phonebook.add --calls 10000 --json"
    })
final class BenchCommand implements Callable<Integer> {
  private static final int MAX_CONNECTIONS = 64;

  private final CommandContext context;

  @ParentCommand private RpcClientCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--call",
      paramLabel = "CALL",
      defaultValue = "calc.add",
      converter = BenchCall.Converter.class,
      completionCandidates = BenchCall.Labels.class,
      description = {
        "The call to make (default: ${DEFAULT-VALUE}):",
        "calc.add, calc.subtract, calc.multiply, calc.divide, calc.abs,",
        "phonebook.find, phonebook.add, phonebook.update, phonebook.count, phonebook.list."
      })
  private BenchCall call;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      defaultValue = "8",
      description = "Callers at the same time (1 to 10000). Default: ${DEFAULT-VALUE}.")
  private int concurrency;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "1",
      description = {
        "Connections to open (1 to 64); callers are shared out among them, so each",
        "keeps the same number of calls in flight. Default: ${DEFAULT-VALUE}."
      })
  private int connections;

  @Option(
      names = "--api",
      paramLabel = "API",
      defaultValue = "async",
      converter = ApiConverter.class,
      description = {
        "async (default): callers are chains of calls on the client library's",
        "asynchronous API, each answer starting the next call; over gRPC no thread",
        "waits. blocking: each caller is a virtual thread making blocking calls."
      })
  private LoadGenerator.Api api;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to measure, e.g. 10s, 1m. Default: 10s unless --calls is given.")
  private Duration duration;

  @Option(
      names = {"-n", "--calls"},
      paramLabel = "N",
      description = "How many calls to measure, instead of a duration.")
  private long calls;

  @Option(
      names = "--warmup",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = WarmupConverter.class,
      description =
          "Calls made first and not measured (connections, JIT). Default: ${DEFAULT-VALUE}.")
  private Duration warmup;

  @Option(
      names = {"-r", "--rate"},
      paramLabel = "CALLS/S",
      description = "Open loop: start this many calls per second in all, whatever the answers.")
  private double rate;

  @Option(names = "--json", description = "Print the result as one JSON object, and no progress.")
  private boolean json;

  /** Reads {@code async} and {@code blocking}. */
  static final class ApiConverter implements CommandLine.ITypeConverter<LoadGenerator.Api> {
    @Override
    public LoadGenerator.Api convert(String text) {
      return switch (text) {
        case "async" -> LoadGenerator.Api.ASYNC;
        case "blocking" -> LoadGenerator.Api.BLOCKING;
        default ->
            throw new CommandLine.TypeConversionException(
                "unknown API '" + text + "'; use async or blocking");
      };
    }
  }

  /** The duration grammar of every option, where {@code 0} (no warm-up) is allowed too. */
  static final class WarmupConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration warmup = DurationConverter.parse(text);
      if (warmup.isNegative()) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is negative; write 0 for no warm-up, or for example 2s");
      }
      return warmup;
    }
  }

  BenchCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    LoadPlan plan = plan();
    ClientSettings settings = root.connection().settings();
    String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    PrintWriter out = spec.commandLine().getOut();
    boolean showProgress = context.stdoutIsTerminal() && !json;
    LoadGenerator.Progress progress = showProgress ? BenchReport.progressLine(out) : snapshot -> {};

    List<RpcConnection> opened = new ArrayList<>();
    LoadGenerator.Measurement measurement;
    Map<String, Long> servedBy = new TreeMap<>();
    try {
      List<LongFunction<CompletableFuture<?>>> calls = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        RpcConnection connection = context.connector().open(settings);
        opened.add(connection);
        checkServer(connection);
        calls.add(bind(connection, run));
      }
      LoadGenerator.Call spread = (caller, n) -> calls.get(caller % calls.size()).apply(n);
      measurement = new LoadGenerator(spread, plan, api, progress).run();
      opened.forEach(c -> c.servedBy().forEach((name, n) -> servedBy.merge(name, n, Long::sum)));
    } finally {
      opened.forEach(RpcConnection::close);
    }
    if (showProgress) {
      BenchReport.clearProgress(out);
    }
    BenchResult result = result(settings, plan, run, measurement, servedBy);
    if (json) {
      Json.print(out, result);
    } else {
      BenchReport.print(out, result);
    }
    return ExitCodes.OK;
  }

  /**
   * One call first, not measured: a server that cannot be reached, trusted or understood, or whose
   * service is down, fails it, and the run stops there with that reason instead of measuring
   * failures at full speed.
   */
  private void checkServer(RpcConnection connection) {
    if (call.usesCalculator()) {
      connection.calculator().add(1, 1);
    } else {
      connection.phonebook().count();
    }
  }

  /**
   * The call, on the connection's asynchronous services; with {@code --api blocking}, on its
   * blocking ones, run on the caller's own thread.
   */
  private LongFunction<CompletableFuture<?>> bind(RpcConnection connection, String run) {
    boolean async = api == LoadGenerator.Api.ASYNC;
    if (call.usesCalculator()) {
      return call.bind(
          async
              ? connection.asyncCalculator()
              : AsyncCalculator.over(connection.calculator(), Runnable::run));
    }
    return call.bind(
        async
            ? connection.asyncPhonebook()
            : AsyncPhonebook.over(connection.phonebook(), Runnable::run),
        run);
  }

  private LoadPlan plan() {
    if (duration != null && calls != 0) {
      throw new ParameterException(
          spec.commandLine(), "give either --duration or --calls, not both");
    }
    Duration measured = duration == null && calls == 0 ? Duration.ofSeconds(10) : duration;
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new ParameterException(
          spec.commandLine(),
          "--connections must be 1 to " + MAX_CONNECTIONS + ", not " + connections);
    }
    try {
      return new LoadPlan(concurrency, rate, warmup, measured, calls);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private BenchResult result(
      ClientSettings settings,
      LoadPlan plan,
      String run,
      LoadGenerator.Measurement m,
      Map<String, Long> servedBy) {
    long errorCount = m.errors().values().stream().mapToLong(Long::longValue).sum();
    return new BenchResult(
        call.label(),
        settings.url().toString(),
        plan.openLoop() ? "open-loop" : "closed-loop",
        plan.concurrency(),
        connections,
        api.name().toLowerCase(Locale.ROOT),
        plan.openLoop() ? plan.rate() : null,
        plan.warmup().toMillis() / 1000.0,
        m.warmupCalls(),
        m.warmupErrors(),
        Math.round(m.seconds() * 1000) / 1000.0,
        m.calls(),
        errorCount,
        m.errors(),
        Math.round(m.calls() / m.seconds() * 10) / 10.0,
        BenchResult.Latency.of(m.latency()),
        m.cpuCores() < 0 ? null : Math.round(m.cpuCores() * 100) / 100.0,
        call == BenchCall.PHONEBOOK_ADD ? BenchCall.addedNamePrefix(run) : null,
        servedBy);
  }
}
