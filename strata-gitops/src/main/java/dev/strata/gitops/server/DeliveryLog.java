package dev.strata.gitops.server;

/**
 * Remembers {@code X-GitHub-Delivery} ids so a redelivered or replayed webhook is acted on once.
 */
public interface DeliveryLog {

  /** Records {@code deliveryId}; true when it was not seen before, false for a duplicate. */
  boolean record(String deliveryId, String event);

  /** Forgets a delivery whose processing could not be queued, so GitHub's redelivery counts. */
  void forget(String deliveryId);
}
