import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { ComplaintLink } from '../../../lib/complaint-types.js';
import { complaintQuery } from '../api/get-complaint.js';

/**
 * The complaints this one is linked to: each a link with its status (read from the read model, the
 * same query its own page uses) and the link's kind; `action` puts the unlink control next to each.
 */
export function LinkedComplaints(props: {
  links: ComplaintLink[];
  action?: (link: ComplaintLink) => ReactNode;
}) {
  const { links, action } = props;
  const details = useQueries({ queries: links.map((link) => complaintQuery(link.complaintId)) });
  if (links.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="complaint.noLinks" />
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none">
      {links.map((link, i) => {
        const status = details[i]?.data?.status;
        return (
          <List.Item key={link.complaintId}>
            <Group gap="xs">
              <Anchor
                ff="monospace"
                renderRoot={(anchor) => (
                  <Link
                    {...anchor}
                    to="/complaints/$complaintId"
                    params={{ complaintId: link.complaintId }}
                  />
                )}
              >
                {link.reference}
              </Anchor>
              <Text size="sm">
                <FormattedMessage id={`linkRelation.${link.relation}`} />
              </Text>
              {status && (
                <Badge variant="outline" size="sm">
                  <FormattedMessage id={`status.${status}`} />
                </Badge>
              )}
              {action?.(link)}
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
