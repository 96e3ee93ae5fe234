import { Alert, Loader, Table, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { KnowledgeLanguage } from '../../../lib/knowledge.js';
import { useQuestionSearch } from '../api/questions.js';

/** The typical questions the portal shows (and the drafts), found with the page's search; read-only. */
export function QuestionList(props: { language: KnowledgeLanguage; q: string; category: string }) {
  const search = useQuestionSearch(props, true);
  return (
    <section aria-labelledby="questions">
      <Title order={2} size="h4" id="questions" mb="xs">
        <FormattedMessage id="knowledge.questions" />
      </Title>
      {search.isPending ? (
        <Loader aria-label="…" />
      ) : search.isError ? (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: search.error.message }} />
        </Alert>
      ) : search.data.items.length === 0 ? (
        <Text>
          <FormattedMessage id="knowledge.questions.empty" />
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <FormattedMessage id="knowledge.column.question" />
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
                <Table.Td lang={props.language}>
                  <Text size="sm" fw={500}>
                    {hit.text?.question ?? hit.id}
                  </Text>
                  <Text size="sm">{hit.text?.answer}</Text>
                </Table.Td>
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
