import { z } from 'zod';

import { channels } from '../subjects.js';

/** How the complaint reached us; also the last token of `intake.complaints.<channel>`. */
export const channelSchema = z.enum(channels);

/** How soon it must be handled; selects the SLA targets. */
export const priorities = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
export const prioritySchema = z.enum(priorities);

/** How much harm the customer suffered; set at triage, `critical` may trigger escalation. */
export const severities = ['minor', 'moderate', 'major', 'critical'] as const;
export type Severity = (typeof severities)[number];
export const severitySchema = z.enum(severities);

/**
 * Lifecycle status: `received → acknowledged → in_progress ⇄ awaiting_customer → resolved → closed`,
 * with the terminal `withdrawn` and `dismissed` (closed with reason `dismissed`).
 * Reopening is the event `ComplaintReopened`, which returns the complaint to `in_progress`; it is not a
 * status of its own, so that a reopened complaint is handled by the same rules as any open one.
 */
export const statuses = [
  'received',
  'acknowledged',
  'in_progress',
  'awaiting_customer',
  'resolved',
  'closed',
  'withdrawn',
  'dismissed',
] as const;
export type Status = (typeof statuses)[number];
export const statusSchema = z.enum(statuses);

export const escalationReasons = [
  'sla_breach',
  'customer_request',
  'severity',
  'manual',
  'reopened',
] as const;
export type EscalationReason = (typeof escalationReasons)[number];
export const escalationReasonSchema = z.enum(escalationReasons);

/** Escalation level 0 (none) to 3; an escalation event always raises it to 1..3. */
export const escalationLevelSchema = z.number().int().min(1).max(3);

export const outcomes = ['upheld', 'partially_upheld', 'not_upheld'] as const;
export type Outcome = (typeof outcomes)[number];
export const outcomeSchema = z.enum(outcomes);

export const closeReasons = ['accepted', 'no_response', 'dismissed', 'duplicate'] as const;
export type CloseReason = (typeof closeReasons)[number];
export const closeReasonSchema = z.enum(closeReasons);

/** How two complaints relate: this one duplicates the other, the other duplicates this one, or both are about one thing. */
export const linkRelations = ['duplicate_of', 'duplicated_by', 'related'] as const;
export type LinkRelation = (typeof linkRelations)[number];
export const linkRelationSchema = z.enum(linkRelations);

export const noteVisibilities = ['internal', 'customer'] as const;
export type NoteVisibility = (typeof noteVisibilities)[number];
export const noteVisibilitySchema = z.enum(noteVisibilities);

/** Satisfaction survey score, 1 (very unhappy) to 5 (very happy). */
export const satisfactionScoreSchema = z.number().int().min(1).max(5);
