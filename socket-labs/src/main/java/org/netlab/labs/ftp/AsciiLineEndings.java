package org.netlab.labs.ftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * TYPE A (RFC 959 section 3.1.1.1): on the wire every line ends with CRLF, on this host with LF.
 * These filters convert a byte stream on its way to or from the network.
 */
public final class AsciiLineEndings {
  private AsciiLineEndings() {}

  /** Writes a local stream to the network: a bare LF becomes CRLF. */
  public static OutputStream toNetwork(OutputStream out) {
    return new FilterOutputStream(out) {
      private int previous = -1;

      @Override
      public void write(int b) throws IOException {
        if (b == '\n' && previous != '\r') {
          out.write('\r');
        }
        out.write(b);
        previous = b;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
          if (b[i] == '\n' && (i > off ? b[i - 1] : previous) != '\r') {
            out.write(b, start, i - start);
            out.write('\r');
            start = i;
          }
        }
        out.write(b, start, off + len - start);
        if (len > 0) {
          previous = b[off + len - 1];
        }
      }
    };
  }

  /**
   * Writes a network stream locally: CRLF becomes LF; a CR not followed by LF is kept. Call {@link
   * #finish} (or close) at the end so a trailing CR is not lost.
   */
  public static OutputStream fromNetwork(OutputStream out) {
    return new FromNetwork(out);
  }

  /** Writes what a {@link #fromNetwork} stream still holds, without closing anything. */
  public static void finish(OutputStream fromNetwork) throws IOException {
    if (fromNetwork instanceof FromNetwork stream) {
      stream.finish();
    }
    fromNetwork.flush();
  }

  private static final class FromNetwork extends FilterOutputStream {
    private boolean pendingCr;

    FromNetwork(OutputStream out) {
      super(out);
    }

    void finish() throws IOException {
      if (pendingCr) {
        out.write('\r');
        pendingCr = false;
      }
    }

    @Override
    public void write(int b) throws IOException {
      if (pendingCr) {
        pendingCr = false;
        if (b != '\n') {
          out.write('\r');
        }
      }
      if (b == '\r') {
        pendingCr = true;
      } else {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public void close() throws IOException {
      finish();
      super.close();
    }
  }
}
