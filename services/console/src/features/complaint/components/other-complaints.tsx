import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import type { ComplaintSummary } from '../../../lib/complaint-types.js';

/** The same customer's other complaints, each a link. */
export function OtherComplaints({ items, current }: { items: ComplaintSummary[]; current: string }) {
  const others = items.filter((c) => c.id !== current);
  if (others.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="complaint.noOtherComplaints" />
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none">
      {others.map((c) => (
        <List.Item key={c.id}>
          <Group gap="xs">
            <Anchor
              ff="monospace"
              renderRoot={(props) => (
                <Link {...props} to="/complaints/$complaintId" params={{ complaintId: c.id }} />
              )}
            >
              {c.reference}
            </Anchor>
            <Text size="sm">{c.subject}</Text>
            <Badge variant="outline" size="sm">
              <FormattedMessage id={`status.${c.status}`} />
            </Badge>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
