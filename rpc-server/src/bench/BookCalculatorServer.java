import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import java.io.File;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculationResult;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;

/**
 * The calculator's Add as grpc-java's documentation writes a server: the default builder and
 * executor, TLS from PEM files, the generated base class. The peer of server-vs-peers.sh, run as
 * a single-file program on the distribution's jars:
 *
 * <pre>
 * java -cp 'LIB/*' rpc-server/src/bench/BookCalculatorServer.java PORT CERT.pem KEY.pem
 * </pre>
 */
public final class BookCalculatorServer {
  public static void main(String[] args) throws Exception {
    Server server =
        Grpc.newServerBuilderForPort(
                Integer.parseInt(args[0]),
                TlsServerCredentials.create(new File(args[1]), new File(args[2])))
            .addService(new Calculator())
            .build()
            .start();
    System.out.println("listening on " + server.getPort());
    server.awaitTermination();
  }

  private static final class Calculator extends CalculatorServiceGrpc.CalculatorServiceImplBase {
    @Override
    public void add(BinaryOperation request, StreamObserver<CalculationResult> answer) {
      answer.onNext(CalculationResult.newBuilder().setValue(request.getX() + request.getY()).build());
      answer.onCompleted();
    }
  }
}
