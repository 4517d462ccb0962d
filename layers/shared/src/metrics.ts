// Business metrics, written as CloudWatch embedded metric format (EMF) log lines by Powertools: no
// API calls and no latency; CloudWatch turns them into metrics under the namespace below
// (dimension `service`, plus `Reason` for denials). Alarms on them live in template.yaml.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of the business metrics (the alarms in template.yaml name it too). */
export const METRICS_NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'BcLoyalty';

const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bc-loyalty',
});

function publish(add: (m: Metrics) => void): void {
  add(metrics);
  metrics.publishStoredMetrics();
}

/** A refused token, by reason (a short fixed set: jose's error codes and the claim checks). */
export function countAuthorizerDenial(reason: string): void {
  const single = metrics.singleMetric(); // its own EMF line, so the Reason dimension stays with it
  single.addDimension('Reason', reason);
  single.addMetric('AuthorizerDenials', MetricUnit.Count, 1);
}

/** One reward redeemed, and the points it cost. */
export function countRedemption(points: number): void {
  publish((m) => {
    m.addMetric('Redemptions', MetricUnit.Count, 1);
    m.addMetric('PointsRedeemed', MetricUnit.Count, points);
  });
}

/** Points an order event awarded or took back (only changes; a no-op event records nothing). */
export function countOrderPoints({ earned, reversed }: { earned: number; reversed: number }): void {
  if (earned === 0 && reversed === 0) return;
  publish((m) => {
    if (earned > 0) m.addMetric('PointsEarned', MetricUnit.Count, earned);
    if (reversed > 0) m.addMetric('PointsReversed', MetricUnit.Count, reversed);
  });
}

/**
 * One mirror batch: customers written to BigCommerce, records that failed (retried by the stream),
 * and the lag from the oldest change in the batch to now, i.e. how stale the control panel was.
 */
export function recordMirrorBatch({
  mirrored,
  failed,
  lagMs,
}: {
  mirrored: number;
  failed: number;
  lagMs?: number;
}): void {
  publish((m) => {
    m.addMetric('MirroredCustomers', MetricUnit.Count, mirrored);
    m.addMetric('MirrorFailures', MetricUnit.Count, failed);
    if (lagMs !== undefined) m.addMetric('MirrorLag', MetricUnit.Milliseconds, Math.max(0, lagMs));
  });
}
