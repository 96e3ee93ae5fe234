import { Alert, Loader, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../../../i18n/locales.js';
import type { AnswerStatus } from '../../../lib/knowledge.js';

interface Hit {
  id: string;
  version: number;
  status: AnswerStatus;
  category: string;
}

/**
 * A knowledge search's results as a section: loading, error and empty states, then a table whose
 * first column is the caller's (an answer's title, a question with its answer), then category,
 * version and status. Used for standard answers and typical questions alike.
 */
export function SearchResults<T extends Hit>(props: {
  id: string;
  title: MessageId;
  empty: MessageId;
  firstColumn: MessageId;
  search: UseQueryResult<{ items: T[] }, Error>;
  first: (hit: T) => ReactNode;
  /** The language of the first column's text, when it is in one. */
  firstLang?: string;
}) {
  const { search } = props;
  return (
    <section aria-labelledby={props.id}>
      <Title order={2} size="h4" id={props.id} mb="xs">
        <FormattedMessage id={props.title} />
      </Title>
      {search.isPending ? (
        <Loader aria-label="…" />
      ) : search.isError ? (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: search.error.message }} />
        </Alert>
      ) : search.data.items.length === 0 ? (
        <Text>
          <FormattedMessage id={props.empty} />
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <FormattedMessage id={props.firstColumn} />
              </Table.Th>
              <Table.Th>
                <FormattedMessage id="knowledge.field.category" />
              </Table.Th>
              <Table.Th>
                <FormattedMessage id="knowledge.column.version" />
              </Table.Th>
              <Table.Th>
                <FormattedMessage id="knowledge.filter.status" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {search.data.items.map((hit) => (
              <Table.Tr key={`${hit.id}-${hit.version}`}>
                <Table.Td lang={props.firstLang}>{props.first(hit)}</Table.Td>
                <Table.Td>{hit.category}</Table.Td>
                <Table.Td>{hit.version}</Table.Td>
                <Table.Td>
                  <FormattedMessage id={`knowledge.status.${hit.status}`} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
