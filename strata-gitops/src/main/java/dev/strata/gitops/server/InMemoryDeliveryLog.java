package dev.strata.gitops.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link DeliveryLog} in memory for one process and for tests, bounded: the oldest ids are
 * dropped past {@code capacity} (GitHub redelivers within hours, not after a million events).
 */
public final class InMemoryDeliveryLog implements DeliveryLog {
  private final Map<String, String> seen;

  public InMemoryDeliveryLog(int capacity) {
    this.seen =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  public InMemoryDeliveryLog() {
    this(1_000_000);
  }

  @Override
  public synchronized boolean record(String deliveryId, String event) {
    return seen.putIfAbsent(deliveryId, event) == null;
  }

  @Override
  public synchronized void forget(String deliveryId) {
    seen.remove(deliveryId);
  }
}
