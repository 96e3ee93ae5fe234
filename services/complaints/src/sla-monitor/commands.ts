import { randomUUID } from 'node:crypto';
import type { ComplaintCommand } from '@chp/contracts';
import type { SlaAction } from './due.js';

/** Who the monitor's commands come from. */
export const slaMonitorActor = { id: 'sla-monitor', role: 'system' } as const;

/**
 * The command for an action. Each gets a fresh command id, hence fresh event ids: were two replicas
 * to send identical ids at the same expected revision, the store would take the second append as
 * an idempotent retry and both would count it as theirs. With fresh ids the loser of a race gets
 * `WrongExpectedVersion`, re-reads, and finds nothing left to do.
 */
export function commandFor(complaintId: string, action: SlaAction): ComplaintCommand {
  const correlationId = `sla-monitor:${complaintId}`;
  if (action.kind === 'breach') {
    const dueAt = action.dueAt.toISOString();
    return {
      type: 'RecordSlaBreach',
      data: { complaintId, target: action.target, dueAt },
      metadata: {
        commandId: randomUUID(),
        actor: slaMonitorActor,
        correlationId,
      },
    };
  }
  const ladderFrom = action.ladderFrom.toISOString();
  return {
    type: 'EscalateComplaint',
    data: {
      complaintId,
      level: action.level,
      reason: 'sla_breach',
      to: action.to,
      note: `Escalation ladder level ${action.level}, due ${action.dueAt.toISOString()} (first breach due ${ladderFrom})`,
    },
    metadata: {
      commandId: randomUUID(),
      actor: slaMonitorActor,
      correlationId,
    },
  };
}
