package org.netlab.rpc.server.xmlrpc.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.netlab.access.Caller;
import org.netlab.access.Credentials;
import org.netlab.access.Gatekeeper;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.IdempotencyKeys;
import org.netlab.rpc.server.metrics.MethodMeter;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcCodec;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * XML-RPC calls without HTTP: a body parsed by the {@link XmlRpcCodec}, its method found once in
 * the {@link XmlRpcMethodTable}, the method run, and its answer or fault written by the codec. An
 * HTTP layer may parse a call and find its method on one thread and answer it on another.
 */
public final class XmlRpcDispatcher {
  private final XmlRpcCodec codec;
  private final XmlRpcMethodTable methods;
  private final Gatekeeper gatekeeper;

  /**
   * @param gatekeeper who identifies callers; the same one {@code methods} checks them with
   */
  public XmlRpcDispatcher(XmlRpcCodec codec, XmlRpcMethodTable methods, Gatekeeper gatekeeper) {
    this.codec = codec;
    this.methods = methods;
    this.gatekeeper = gatekeeper;
  }

  /**
   * Parses one methodCall; reads the body to its end, or to the first error, and closes it.
   *
   * @throws XmlRpcException a fault for {@link #answerFault}: not well formed (-32700) for
   *     malformed XML, a DOCTYPE, nesting over the limit or a body that cannot be read
   */
  public XmlRpcRequest parse(InputStream body) throws XmlRpcException {
    return codec.parse(body);
  }

  /**
   * The method a parsed call names, looked up once per call: it tells the HTTP layer whether the
   * call may block, then runs it.
   *
   * @throws XmlRpcException a fault for {@link #answerFault}: method not found (-32601)
   */
  public XmlRpcMethod method(XmlRpcRequest call) throws XmlRpcException {
    return methods.method(call.getMethodName());
  }

  /**
   * Runs a parsed call with its method, if the caller that {@code credentials} show may; writes its
   * methodResponse or fault. Failures of the call itself, and refusals, become faults. The method's
   * meter counts the call with its outcome, from the caller's identification to the written answer.
   *
   * @throws IOException only when {@code out} fails
   */
  public void answer(
      XmlRpcMethod method, XmlRpcRequest call, Credentials credentials, OutputStream out)
      throws IOException {
    answer(method, call, credentials, null, out);
  }

  /**
   * As {@link #answer(XmlRpcMethod, XmlRpcRequest, Credentials, OutputStream)}, the call's writes
   * keyed by {@code idempotencyKey} (the request's {@code Idempotency-Key}, or null): a key that is
   * not {@link IdempotencyKeys#wellFormed well formed} is answered with an INVALID_ARGUMENT fault.
   *
   * @throws IOException only when {@code out} fails
   */
  public void answer(
      XmlRpcMethod method,
      XmlRpcRequest call,
      Credentials credentials,
      String idempotencyKey,
      OutputStream out)
      throws IOException {
    MethodMeter meter = method.meter();
    long start = meter.started();
    String outcome = MethodMeter.OK;
    try {
      Object result;
      try {
        if (idempotencyKey != null && !IdempotencyKeys.wellFormed(idempotencyKey)) {
          throw ServiceException.invalidArgument(IdempotencyKeys.formRule());
        }
        Caller caller = gatekeeper.identify(credentials);
        result =
            methods.invoke(
                new CallOrigin(caller, credentials.source(), idempotencyKey),
                method,
                XmlRpcArguments.of(call));
      } catch (Throwable failure) {
        // As Apache's stream server does: whatever the call threw is answered as a fault.
        outcome = FailureCodes.of(failure).name();
        codec.writeFault(failure, out);
        return;
      }
      try {
        codec.writeResult(result, out);
      } catch (IOException | RuntimeException e) {
        outcome = ErrorCode.INTERNAL.name();
        throw e;
      }
    } finally {
      meter.finished(start, outcome);
    }
  }

  /**
   * Writes the fault for an error raised by parse or method (or anything else); {@link
   * XmlRpcFaults} decides what the client sees.
   *
   * @throws IOException only when {@code out} fails
   */
  public void answerFault(Throwable error, OutputStream out) throws IOException {
    codec.writeFault(error, out);
  }
}
