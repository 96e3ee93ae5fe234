import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { Countdown } from '../../../components/countdown.js';
import { SlaBadge } from '../../../components/sla-badge.js';
import type { ComplaintSummary } from '../../../lib/complaint-types.js';

export function QueueTable({ items }: { items: ComplaintSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {(
              [
                'reference',
                'subject',
                'status',
                'priority',
                'customer',
                'assignee',
                'deadline',
                'sla',
              ] as const
            ).map((column) => (
              <Table.Th key={column} scope="col">
                <FormattedMessage id={`queue.column.${column}`} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor
                  ff="monospace"
                  renderRoot={(props) => (
                    <Link {...props} to="/complaints/$complaintId" params={{ complaintId: c.id }} />
                  )}
                >
                  {c.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.subject}</Table.Td>
              <Table.Td>
                <Badge variant="outline">
                  <FormattedMessage id={`status.${c.status}`} />
                </Badge>
              </Table.Td>
              <Table.Td>{c.priority ? <FormattedMessage id={`priority.${c.priority}`} /> : '—'}</Table.Td>
              <Table.Td>{c.customer.name}</Table.Td>
              <Table.Td>
                {c.assignee ? (
                  (c.assignee.name ?? c.assignee.id)
                ) : (
                  <Text span c="dimmed" size="sm">
                    <FormattedMessage id="queue.unassigned" />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Countdown due={c.sla.nextDueAt} />
              </Table.Td>
              <Table.Td>
                <SlaBadge sla={c.sla} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
