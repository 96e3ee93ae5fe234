import { Table } from '@mantine/core';
import { FormattedDate, FormattedMessage } from 'react-intl';
import type { AuditEntry } from '../../../lib/complaint-types.js';

export function AuditTrail({ events }: { events: AuditEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {(['revision', 'event', 'at', 'actor'] as const).map((column) => (
              <Table.Th key={column} scope="col">
                <FormattedMessage id={`complaint.audit.${column}`} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.eventId}>
              <Table.Td>{event.revision}</Table.Td>
              <Table.Td ff="monospace">{event.type}</Table.Td>
              <Table.Td>
                <FormattedDate value={event.at} dateStyle="medium" timeStyle="medium" />
              </Table.Td>
              <Table.Td>
                {event.actor.id} ({event.actor.role})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
