package org.netlab.labs.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code (made by ZXing) drawn in a terminal with Unicode half blocks, two modules per character
 * cell, or as a PNG image.
 */
public final class QrCode {
  /** Modules of light border on each side in a terminal; the standard asks for 4. */
  public static final int TERMINAL_QUIET_ZONE = 2;

  public static final int IMAGE_QUIET_ZONE = 4;

  private static final String ANSI_BLACK_ON_WHITE = "\u001b[30;47m";
  private static final String ANSI_RESET = "\u001b[0m";

  /** How modules become characters. */
  public enum Style {
    /** Black on white by ANSI colours: scans on dark and light terminals alike. */
    ANSI,
    /** Dark modules drawn as blocks: for light backgrounds, paper and files. */
    PLAIN,
    /** Light modules drawn as blocks: for dark terminals without colours. */
    INVERTED
  }

  private final BitMatrix matrix;

  private QrCode(BitMatrix matrix) {
    this.matrix = matrix;
  }

  /** Encodes text with medium error correction and the given quiet zone in modules. */
  public static QrCode encode(String text, int quietZone) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8",
                      EncodeHintType.MARGIN,
                      quietZone));
      return new QrCode(matrix);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot make a QR code: " + e.getMessage(), e);
    }
  }

  /** The modules, quiet zone included; set bits are dark. */
  public BitMatrix matrix() {
    return matrix.clone();
  }

  /**
   * The code as lines of text: each character covers two rows of modules with {@code █ ▀ ▄} or a
   * space. Lines end with {@code \n}.
   */
  public String render(Style style) {
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < matrix.getHeight(); y += 2) {
      if (style == Style.ANSI) {
        out.append(ANSI_BLACK_ON_WHITE);
      }
      for (int x = 0; x < matrix.getWidth(); x++) {
        boolean top = inked(x, y, style);
        boolean bottom =
            y + 1 < matrix.getHeight() ? inked(x, y + 1, style) : style == Style.INVERTED;
        out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
      }
      if (style == Style.ANSI) {
        out.append(ANSI_RESET);
      }
      out.append('\n');
    }
    return out.toString();
  }

  private boolean inked(int x, int y, Style style) {
    return matrix.get(x, y) != (style == Style.INVERTED);
  }

  /** Writes a black-on-white PNG with {@code pixelsPerModule} pixels per module. */
  public void writePng(OutputStream out, int pixelsPerModule) throws IOException {
    if (pixelsPerModule < 1 || pixelsPerModule > 64) {
      throw new IllegalArgumentException("pixels per module must be 1 to 64");
    }
    int width = matrix.getWidth() * pixelsPerModule;
    int height = matrix.getHeight() * pixelsPerModule;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean dark = matrix.get(x / pixelsPerModule, y / pixelsPerModule);
        image.setRGB(x, y, dark ? 0xff000000 : 0xffffffff);
      }
    }
    if (!ImageIO.write(image, "png", out)) {
      throw new IllegalStateException("no PNG writer in this JDK");
    }
  }
}
