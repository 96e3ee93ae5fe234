import { Badge, Group, Timeline as MantineTimeline, Text } from '@mantine/core';
import { FormattedDate, FormattedMessage } from 'react-intl';
import type { AuditEntry, TimelineEntry } from '../../../lib/complaint-types.js';

/** Whether an entry is for the customer's eyes: notes say so in their event; the rest is not shown to them. */
function visibility(
  entry: TimelineEntry,
  audit: Map<number, AuditEntry>,
): 'customer' | 'internal' | undefined {
  const data = audit.get(entry.revision)?.data;
  const value = data?.visibility;
  return value === 'customer' || value === 'internal' ? value : undefined;
}

export function Timeline({ entries, audit }: { entries: TimelineEntry[]; audit: AuditEntry[] }) {
  const byRevision = new Map(audit.map((e) => [e.revision, e]));
  return (
    <MantineTimeline bulletSize={14} lineWidth={2}>
      {entries.map((entry) => {
        const seen = visibility(entry, byRevision);
        return (
          <MantineTimeline.Item key={entry.eventId}>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                <FormattedDate value={entry.at} dateStyle="medium" timeStyle="short" />
              </Text>
              {seen && (
                <Badge size="sm" color={seen === 'customer' ? 'blue.8' : 'gray.8'} variant="outline">
                  <FormattedMessage
                    id={seen === 'customer' ? 'complaint.customerVisible' : 'complaint.internal'}
                  />
                </Badge>
              )}
            </Group>
            {/* The customer's and agents' words are text, never markup. */}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {entry.text}
            </Text>
          </MantineTimeline.Item>
        );
      })}
    </MantineTimeline>
  );
}
