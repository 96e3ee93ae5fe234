import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedDate, FormattedDisplayName, FormattedMessage } from 'react-intl';
import { Countdown } from '../../../components/countdown.js';
import { SlaBadge, slaColors } from '../../../components/sla-badge.js';
import {
  type ComplaintDetail,
  type DeadlineTarget,
  deadlineTargets,
  type PastComplaint,
  type SlaSummary,
  type TargetClock,
} from '../../../lib/complaint-types.js';

type DeadlineState = 'breached' | 'met' | 'open';
interface Deadline {
  due: string | null;
  state: DeadlineState;
}

function deadlineState(complaint: ComplaintDetail, target: DeadlineTarget): DeadlineState {
  if (complaint.sla.breachedTargets.includes(target)) return 'breached';
  if (target === 'acknowledge' && complaint.acknowledgedAt) return 'met';
  if ((target === 'resolve' || target === 'regulatoryFinalResponse') && complaint.resolvedAt) return 'met';
  return 'open';
}

/** The complaints service's clock behind each deadline of the header (the binding regulatory one). */
function clockOf(past: PastComplaint, target: DeadlineTarget): TargetClock | undefined {
  const clocks = past.clocks;
  if (clocks === null) return undefined;
  if (target === 'regulatoryFinalResponse') {
    return (
      clocks.regulatory.find((c) => c.binding) ?? clocks.regulatory.find((c) => c.target === 'final_response')
    );
  }
  const name = target === 'firstResponse' ? 'first_response' : target;
  return clocks.operational.find((c) => c.target === name);
}

function pastDeadline(past: PastComplaint, target: DeadlineTarget): Deadline {
  const clock = clockOf(past, target);
  if (clock === undefined) return { due: null, state: 'open' };
  const state =
    clock.state === 'met'
      ? 'met'
      : clock.state === 'breached' || clock.state === 'missed'
        ? 'breached'
        : 'open';
  return { due: clock.dueAt, state };
}

/** The SLA at a glance as it was: from the clocks computed at that moment. */
function pastSla(past: PastComplaint): SlaSummary {
  const all = past.clocks ? [...past.clocks.operational, ...past.clocks.regulatory] : [];
  const breached = all.filter((c) => c.state === 'breached' || c.state === 'missed');
  return {
    due: {},
    nextDueAt: null,
    atRisk: all.some((c) => c.state === 'at_risk'),
    overdue: false,
    breached: breached.length > 0,
    breachedTargets: breached.map((c) => c.target),
  };
}

/**
 * Reference, status, priority, customer, and every deadline with its state and the time left. With
 * `past` (the "as it was on …" view), the status, priority and deadlines are those of that moment,
 * the time left counted from it.
 */
export function ComplaintHeader({ complaint, past }: { complaint: ComplaintDetail; past?: PastComplaint }) {
  const status = past ? past.state.status : complaint.status;
  const priority = past ? (past.state.priority ?? null) : complaint.priority;
  const deadlineOf = (target: DeadlineTarget): Deadline =>
    past
      ? pastDeadline(past, target)
      : { due: complaint.sla.due[target] ?? null, state: deadlineState(complaint, target) };
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Text ff="monospace" fw={700}>
          {complaint.reference}
        </Text>
        <Badge variant="outline">
          <FormattedMessage id={`status.${status}`} />
        </Badge>
        {priority && (
          <Badge variant="outline">
            <FormattedMessage id={`priority.${priority}`} />
          </Badge>
        )}
        <SlaBadge sla={past ? pastSla(past) : complaint.sla} />
      </Group>
      <Title order={1}>{complaint.subject}</Title>
      <Group gap="xl">
        <Text size="sm">
          <FormattedMessage id="complaint.customer" />: {complaint.customer.name}
          {complaint.customer.email ? ` <${complaint.customer.email}>` : ''}
        </Text>
        <Text size="sm">
          <FormattedMessage id="complaint.language" />:{' '}
          {complaint.customer.language === 'other' ? (
            <FormattedMessage id="complaint.language.other" />
          ) : (
            <FormattedDisplayName value={complaint.customer.language} type="language" />
          )}
        </Text>
        <Text size="sm">
          <FormattedMessage id="complaint.channel" />:{' '}
          <FormattedMessage id={`channel.${complaint.channel}`} />
        </Text>
        <Text size="sm">
          <FormattedMessage id="complaint.received" />:{' '}
          <FormattedDate value={complaint.receivedAt} dateStyle="medium" timeStyle="short" />
        </Text>
      </Group>
      <Title order={2} size="h4">
        <FormattedMessage id="complaint.deadlines" />
      </Title>
      <Table withTableBorder maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <FormattedMessage id="complaint.deadline" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="complaint.due" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="complaint.state" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deadlineTargets.map((target) => {
            const { due, state } = deadlineOf(target);
            return (
              <Table.Tr key={target}>
                <Table.Th scope="row">
                  <FormattedMessage id={`deadline.${target}`} />
                </Table.Th>
                <Table.Td>
                  {due ? <FormattedDate value={due} dateStyle="medium" timeStyle="short" /> : '—'}
                </Table.Td>
                <Table.Td>
                  {state === 'breached' ? (
                    <Badge color={slaColors.breached} variant="filled">
                      <FormattedMessage id="sla.breached" />
                    </Badge>
                  ) : state === 'met' ? (
                    <Badge color={slaColors.onTrack} variant="filled">
                      <FormattedMessage id="sla.met" />
                    </Badge>
                  ) : (
                    <Countdown due={due} {...(past ? { now: Date.parse(past.asOf), frozen: true } : {})} />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
