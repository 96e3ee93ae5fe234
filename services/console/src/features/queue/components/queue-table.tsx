import { Badge, Table } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { Countdown } from '../../../components/countdown.js';
import { SlaBadge } from '../../../components/sla-badge.js';
import type { ComplaintSummary } from '../../../lib/complaint-types.js';

export function QueueTable({ items }: { items: ComplaintSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table>
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
        {/* Native rows and cells (styled by app.css): a Mantine component per cell is most of the
            queue's rendering time. The badges stay Mantine's. */}
        <tbody className="queue-rows">
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to="/complaints/$complaintId" params={{ complaintId: c.id }}>
                  {c.reference}
                </Link>
              </td>
              <td>{c.subject}</td>
              <td>
                <Badge variant="outline">
                  <FormattedMessage id={`status.${c.status}`} />
                </Badge>
              </td>
              <td>{c.priority ? <FormattedMessage id={`priority.${c.priority}`} /> : '—'}</td>
              <td>{c.customer.name}</td>
              <td>
                {c.assignee ? (
                  (c.assignee.name ?? c.assignee.id)
                ) : (
                  <span className="dimmed">
                    <FormattedMessage id="queue.unassigned" />
                  </span>
                )}
              </td>
              <td>
                <Countdown due={c.sla.nextDueAt} />
              </td>
              <td>
                <SlaBadge sla={c.sla} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
