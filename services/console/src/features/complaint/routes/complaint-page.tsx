import { Alert, Anchor, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../lib/api-client.js';
import { useSession } from '../../../lib/session.js';
import {
  useAuditTrail,
  useComplaint,
  useComplaintAsOf,
  useCustomerComplaints,
} from '../api/get-complaint.js';
import { AsOfPicker } from '../components/as-of-picker.js';
import { Attachments } from '../components/attachments.js';
import { AuditTrail } from '../components/audit-trail.js';
import { ComplaintHeader } from '../components/complaint-header.js';
import { LinkedComplaints } from '../components/linked-complaints.js';
import { OtherComplaints } from '../components/other-complaints.js';
import { Timeline } from '../components/timeline.js';

const route = getRouteApi('/complaints/$complaintId');

// The forms and the contracts' schemas load with the first complaint page, not with the queue.
const ActionsPanel = lazy(() => import('../components/actions-panel.js'));
const LanguageCorrection = lazy(() => import('../components/language-correction.js'));
const UnlinkButton = lazy(() => import('../components/unlink-button.js'));

/** One complaint, read-only: header with every deadline, description, timeline and audit trail. */
export function ComplaintPage() {
  const { complaintId } = route.useParams();
  const { asOf } = route.useSearch();
  const navigate = route.useNavigate();
  const intl = useIntl();
  const session = useSession();
  const roles = session.data?.roles ?? [];
  // The complaints service's command roles (agent, supervisor); it decides again on every command.
  const mayAct = roles.some((role) => role === 'agent' || role === 'supervisor');
  const complaint = useComplaint(complaintId);
  const audit = useAuditTrail(complaintId);
  const past = useComplaintAsOf(complaintId, asOf);
  const customer = complaint.data?.customer;
  const others = useCustomerComplaints(customer ? (customer.id ?? customer.email) : null);
  // As it was: only what had happened by then (the revision the complaints service had at asOf).
  const upTo = asOf ? (past.data?.revision ?? -1) : Number.POSITIVE_INFINITY;
  const auditEvents = (audit.data?.events ?? []).filter((e) => e.revision <= upTo);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/queue" size="sm">
        <FormattedMessage id="complaint.back" />
      </Anchor>
      {complaint.isPending ? (
        <Loader aria-label="…" />
      ) : complaint.isError ? (
        <Alert color="red" role="alert">
          {complaint.error instanceof ApiError && complaint.error.status === 404 ? (
            <FormattedMessage id="complaint.notFound" />
          ) : (
            <FormattedMessage id="common.error" values={{ detail: complaint.error.message }} />
          )}
        </Alert>
      ) : (
        <>
          <ComplaintHeader complaint={complaint.data} {...(asOf && past.data ? { past: past.data } : {})} />
          <AsOfPicker asOf={asOf} onChange={(next) => void navigate({ search: { asOf: next } })} />
          {asOf && past.isError && (
            <Alert color="red" role="alert">
              <FormattedMessage id="common.error" values={{ detail: past.error.message }} />
            </Alert>
          )}
          {asOf && past.data && (
            <Alert color="blue" role="status">
              <FormattedMessage
                id="complaint.asOf.summary"
                values={{
                  date: intl.formatDate(asOf, { dateStyle: 'medium', timeStyle: 'short' }),
                  status: intl.formatMessage({ id: `status.${past.data.state.status}` }),
                  revision: past.data.revision,
                }}
              />
            </Alert>
          )}
          {/* Commands act on the complaint as it is now, not as it was. */}
          {!asOf && (
            <Suspense fallback={<Loader role="status" aria-label="…" size="sm" />}>
              <ActionsPanel
                complaintId={complaintId}
                roles={roles}
                lastChange={audit.data?.events.at(-1)}
                complaint={complaint.data}
                agentName={session.data?.name}
              />
              {mayAct && (
                <LanguageCorrection complaintId={complaintId} current={complaint.data.customer.language} />
              )}
            </Suspense>
          )}
          <section aria-labelledby="description">
            <Title order={2} size="h4" id="description" mb="xs">
              <FormattedMessage id="complaint.description" />
            </Title>
            <Paper withBorder p="md">
              {/* As text: an HTML or script probe in a complaint shows as written. */}
              <Text style={{ whiteSpace: 'pre-wrap' }}>{complaint.data.description}</Text>
            </Paper>
          </section>
          <section aria-labelledby="timeline">
            <Title order={2} size="h4" id="timeline" mb="xs">
              <FormattedMessage id="complaint.timeline" />
            </Title>
            <Timeline
              entries={complaint.data.timeline.filter((e) => e.revision <= upTo)}
              audit={audit.data?.events ?? []}
            />
          </section>
          <section aria-labelledby="attachments">
            <Title order={2} size="h4" id="attachments" mb="xs">
              <FormattedMessage id="complaint.attachments" />
            </Title>
            <Attachments complaintId={complaintId} entries={complaint.data.timeline} />
          </section>
          <section aria-labelledby="audit">
            <Title order={2} size="h4" id="audit" mb="xs">
              <FormattedMessage id="complaint.audit" />
            </Title>
            {audit.isPending ? (
              <Loader aria-label="…" />
            ) : audit.isError ? (
              <Alert color="red" role="alert">
                <FormattedMessage id="common.error" values={{ detail: audit.error.message }} />
              </Alert>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  <FormattedMessage id="complaint.events" values={{ count: auditEvents.length }} />
                </Text>
                <AuditTrail events={auditEvents} />
              </>
            )}
          </section>
          <section aria-labelledby="links">
            <Title order={2} size="h4" id="links" mb="xs">
              <FormattedMessage id="complaint.links" />
            </Title>
            <LinkedComplaints
              links={complaint.data.links ?? []}
              {...(!asOf && mayAct
                ? {
                    action: (link) => (
                      <Suspense fallback={null}>
                        <UnlinkButton complaintId={complaintId} link={link} />
                      </Suspense>
                    ),
                  }
                : {})}
            />
          </section>
          <section aria-labelledby="others">
            <Title order={2} size="h4" id="others" mb="xs">
              <FormattedMessage id="complaint.otherComplaints" />
            </Title>
            {others.isError ? (
              <Alert color="red" role="alert">
                <FormattedMessage id="common.error" values={{ detail: others.error.message }} />
              </Alert>
            ) : others.data ? (
              <OtherComplaints items={others.data.items} current={complaintId} />
            ) : (
              <Loader aria-label="…" size="sm" />
            )}
          </section>
        </>
      )}
    </Stack>
  );
}
