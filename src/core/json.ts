// The model as JSON: every key of the contract present (null where unknown), in the
// documented order, so consumers in CI can rely on the shape.
import type { Postmortem } from './model.js';
import { computeMetrics, type Metrics } from './metrics.js';

export interface PostmortemJson extends Record<string, unknown> {
  path: string;
  metrics: Metrics;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function postmortemToJson(doc: Postmortem, path: string): PostmortemJson {
  return {
    id: doc.id,
    title: doc.title,
    status: doc.status,
    severity: doc.severity,
    authors: doc.authors,
    reviewers: doc.reviewers,
    services: doc.services,
    timezone: doc.timezone,
    started_at: doc.started_at,
    detected_at: orNull(doc.detected_at),
    mitigated_at: orNull(doc.mitigated_at),
    resolved_at: orNull(doc.resolved_at),
    approved_at: orNull(doc.approved_at),
    published_at: orNull(doc.published_at),
    summary: orNull(doc.summary),
    impact: {
      description: orNull(doc.impact.description),
      customers_affected: orNull(doc.impact.customers_affected),
      not_affected: orNull(doc.impact.not_affected),
      data_loss: orNull(doc.impact.data_loss),
    },
    timeline: doc.timeline.map((e) => ({ at: e.at, event: e.event, internal: e.internal })),
    root_cause: {
      description: orNull(doc.root_cause.description),
      trigger: orNull(doc.root_cause.trigger),
      contributing_factors: doc.root_cause.contributing_factors,
    },
    detection: orNull(doc.detection),
    resolution: orNull(doc.resolution),
    apology: orNull(doc.apology),
    action_items: doc.action_items.map((a) => ({
      id: a.id,
      title: a.title,
      owner: orNull(a.owner),
      due: orNull(a.due),
      priority: orNull(a.priority),
      type: orNull(a.type),
      status: a.status,
      link: orNull(a.link),
      internal: a.internal,
    })),
    lessons: doc.lessons,
    internal_notes: orNull(doc.internal_notes),
    redact: doc.redact,
    path,
    metrics: computeMetrics(doc),
  };
}
