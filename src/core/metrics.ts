import type { Postmortem } from './model.js';
import { minutesBetween } from './time.js';

export interface Metrics {
  time_to_detect: number | null;
  time_to_mitigate: number | null;
  time_to_resolve: number | null;
}

/** Minutes from the start to detection, mitigation and resolution; null when unknown. */
export function computeMetrics(
  doc: Pick<Postmortem, 'started_at' | 'detected_at' | 'mitigated_at' | 'resolved_at'>,
): Metrics {
  return {
    time_to_detect: minutesBetween(doc.started_at, doc.detected_at),
    time_to_mitigate: minutesBetween(doc.started_at, doc.mitigated_at),
    time_to_resolve: minutesBetween(doc.started_at, doc.resolved_at),
  };
}
