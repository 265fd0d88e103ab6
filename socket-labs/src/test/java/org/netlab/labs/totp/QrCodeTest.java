package org.netlab.labs.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The QR codes we draw decode back to the text they were made from. */
class QrCodeTest {
  private static final String URI =
      new OtpAuthUri(
              "Net Lab",
              "Zoé Durand",
              OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
              OtpParameters.DEFAULT)
          .toString();
  private static final int PIXELS = 4;

  /** Decodes an image given as ARGB pixels, as a camera app would after focusing. */
  /**
   * Decodes a code drawn on a clean background, as ours are. The pure-barcode mode reads the grid
   * from the image's bounds; the finder-pattern detector meant for photos failed on 17 of 1,000
   * random enrolment URIs (a ChecksumException), which made the tests fail at random.
   */
  static String decode(int width, int height, int[] argb) throws Exception {
    LuminanceSource source = new RGBLuminanceSource(width, height, argb);
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(source)),
            Map.of(DecodeHintType.PURE_BARCODE, true))
        .getText();
  }

  /**
   * Turns the terminal drawing back into pixels: each character is one module wide and two high,
   * its upper and lower half inked or not as the block character says.
   */
  private static String decodeTerminal(String drawing, boolean inkIsDark) throws Exception {
    List<String> lines = drawing.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList();
    int columns = lines.get(0).length();
    int width = columns * PIXELS;
    int height = lines.size() * 2 * PIXELS;
    int[] pixels = new int[width * height];
    for (int row = 0; row < lines.size(); row++) {
      String line = lines.get(row);
      assertEquals(columns, line.length(), "every line is as wide as the first");
      for (int column = 0; column < columns; column++) {
        char c = line.charAt(column);
        boolean[] inked = {c == '█' || c == '▀', c == '█' || c == '▄'};
        for (int half = 0; half < 2; half++) {
          boolean dark = inked[half] == inkIsDark;
          for (int dy = 0; dy < PIXELS; dy++) {
            for (int dx = 0; dx < PIXELS; dx++) {
              int y = (row * 2 + half) * PIXELS + dy;
              pixels[y * width + column * PIXELS + dx] = dark ? 0xff000000 : 0xffffffff;
            }
          }
        }
      }
    }
    return decode(width, height, pixels);
  }

  @ParameterizedTest
  @EnumSource(QrCode.Style.class)
  void terminalDrawingDecodesToTheUri(QrCode.Style style) throws Exception {
    String drawing = QrCode.encode(URI, QrCode.TERMINAL_QUIET_ZONE).render(style);
    assertEquals(URI, decodeTerminal(drawing, style != QrCode.Style.INVERTED));
  }

  @Test
  void pngDecodesToTheUri() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    QrCode.encode(URI, QrCode.IMAGE_QUIET_ZONE).writePng(png, 8);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    assertEquals(URI, decode(image.getWidth(), image.getHeight(), pixels));
  }

  @Test
  void drawingUsesTwoModuleRowsPerLine() {
    QrCode code = QrCode.encode(URI, QrCode.TERMINAL_QUIET_ZONE);
    int modules = code.matrix().getHeight();
    assertEquals((modules + 1) / 2, code.render(QrCode.Style.PLAIN).lines().count());
  }
}
