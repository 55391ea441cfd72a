// The canonical post-mortem model. The names are a contract: they are the keys of
// `--answers` input and of `show --json` output (see docs/format.md).

export const STATUSES = ['draft', 'review', 'approved', 'published'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ACTION_TYPES = ['prevent', 'mitigate', 'detect', 'process'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const DEFAULT_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

export interface TimelineEntry {
  at: string;
  event: string;
  internal: boolean;
}

export interface ActionItem {
  id: string;
  title: string;
  owner?: string;
  due?: string;
  priority?: Priority;
  type?: ActionType;
  status: ActionStatus;
  link?: string;
  internal: boolean;
}

export interface Impact {
  description?: string;
  customers_affected?: string | number;
  not_affected?: string;
  data_loss?: boolean;
}

export interface RootCause {
  description?: string;
  trigger?: string;
  contributing_factors: string[];
}

export interface Lessons {
  went_well: string[];
  went_wrong: string[];
  lucky: string[];
}

export interface Postmortem {
  id: string;
  title: string;
  status: Status;
  severity: string;
  authors: string[];
  reviewers: string[];
  services: string[];
  timezone: string;
  started_at: string;
  detected_at?: string;
  mitigated_at?: string;
  resolved_at?: string;
  /** Recorded by the review workflow when the document is approved. */
  approved_at?: string;
  /** Recorded by the review workflow when the document is published. */
  published_at?: string;
  summary?: string;
  impact: Impact;
  timeline: TimelineEntry[];
  root_cause: RootCause;
  detection?: string;
  resolution?: string;
  apology?: string;
  action_items: ActionItem[];
  lessons: Lessons;
  internal_notes?: string;
  redact: string[];
}

export const KEY_TIMES = ['started_at', 'detected_at', 'mitigated_at', 'resolved_at'] as const;
export type KeyTime = (typeof KEY_TIMES)[number];

/** An empty document with every list present, for building one step by step. */
export function emptyPostmortem(
  fields: Pick<Postmortem, 'id' | 'title' | 'severity' | 'timezone' | 'started_at'>,
): Postmortem {
  return {
    ...fields,
    status: 'draft',
    authors: [],
    reviewers: [],
    services: [],
    impact: {},
    timeline: [],
    root_cause: { contributing_factors: [] },
    action_items: [],
    lessons: { went_well: [], went_wrong: [], lucky: [] },
    redact: [],
  };
}
