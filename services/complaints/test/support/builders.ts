import { randomUUID } from 'node:crypto';
import { type FileComplaintRequest, referenceFromBytes } from '@chp/contracts';

/** The reference intake would propose for a complaint id: derived from the id's bytes. */
export function referenceOf(complaintId: string): string {
  return referenceFromBytes(Buffer.from(complaintId.replaceAll('-', ''), 'hex'));
}

export interface FileRequestOverrides {
  complaintId?: string;
  reference?: string;
  receivedAt?: string;
  priority?: 'low' | 'medium' | 'high' | 'urgent';
  /** `payments` selects the PSD2 policy of the bundled file. */
  category?: string;
  region?: string;
  commandId?: string;
  customer?: FileComplaintRequest['data']['customer'];
}

/** A valid `complaints.cmd.file` request, as intake sends it. */
export function fileRequest(overrides: FileRequestOverrides = {}): FileComplaintRequest {
  const complaintId = overrides.complaintId ?? randomUUID();
  return {
    data: {
      complaintId,
      reference: overrides.reference ?? referenceOf(complaintId),
      receivedAt: overrides.receivedAt ?? '2026-03-02T09:00:00Z',
      channel: 'web',
      externalRef: `form-${complaintId.slice(0, 8)}`,
      customer: overrides.customer ?? {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        preferredLanguage: 'en',
      },
      subject: 'Charged twice for one order',
      description: 'My card was charged twice for order 1234.',
      ...(overrides.priority ? { priority: overrides.priority } : {}),
      ...(overrides.category ? { category: overrides.category } : {}),
      ...(overrides.region ? { region: overrides.region } : {}),
    },
    metadata: {
      commandId: overrides.commandId ?? randomUUID(),
      actor: { id: 'intake', role: 'service' },
      correlationId: `submission-${complaintId}`,
    },
  };
}
