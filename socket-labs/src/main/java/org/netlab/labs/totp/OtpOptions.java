package org.netlab.labs.totp;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The code parameters shared by {@code enroll} and {@code code}. */
final class OtpOptions {
  @Option(
      names = "--algorithm",
      paramLabel = "SHA1|SHA256|SHA512",
      defaultValue = "SHA1",
      converter = AlgorithmConverter.class,
      description = "HMAC function (default: ${DEFAULT-VALUE}; many apps know only SHA1).")
  HmacAlgorithm algorithm;

  @Option(
      names = "--digits",
      paramLabel = "6..8",
      defaultValue = "6",
      description = "Digits per code (default: ${DEFAULT-VALUE}).")
  int digits;

  @Option(
      names = "--period",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Seconds each code lasts (default: ${DEFAULT-VALUE}).")
  int periodSeconds;

  /**
   * @throws IllegalArgumentException saying which option is out of range
   */
  OtpParameters parameters() {
    return new OtpParameters(algorithm, digits, Duration.ofSeconds(periodSeconds));
  }

  static final class AlgorithmConverter implements ITypeConverter<HmacAlgorithm> {
    @Override
    public HmacAlgorithm convert(String value) {
      return HmacAlgorithm.parse(value);
    }
  }
}
