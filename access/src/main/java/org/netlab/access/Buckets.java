package org.netlab.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A token bucket per key under one {@link RateLimit}. Buckets of keys unseen for a while are
 * dropped (a full bucket is what a new one would be), and there are at most {@code maxKeys}, so a
 * flood of new keys cannot fill the memory.
 */
final class Buckets<K> {
  private final RateLimit limit;
  private final Cache<K, Bucket> buckets;

  Buckets(RateLimit limit, int maxKeys) {
    this.limit = limit;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterAccess(limit.period().plusMinutes(1))
            .build();
  }

  /**
   * Takes one call from {@code key}'s bucket.
   *
   * @return how long to wait before the next call would pass; zero when this one passed
   */
  Duration take(K key) {
    if (limit.unlimited()) {
      return Duration.ZERO;
    }
    ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  /** How long {@code key} must wait before its next call would pass, taking nothing. */
  Duration waitFor(K key) {
    if (limit.unlimited()) {
      return Duration.ZERO;
    }
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket == null || bucket.getAvailableTokens() > 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.calls())
                .refillGreedy(limit.calls(), limit.period())
                .build())
        .build();
  }
}
