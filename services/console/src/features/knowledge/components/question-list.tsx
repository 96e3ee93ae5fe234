import { Text } from '@mantine/core';
import type { KnowledgeLanguage } from '../../../lib/knowledge.js';
import { useQuestionSearch } from '../api/questions.js';
import { SearchResults } from './search-results.js';

/** The typical questions the portal shows (and the drafts), found with the page's search; read-only. */
export function QuestionList(props: { language: KnowledgeLanguage; q: string; category: string }) {
  return (
    <SearchResults
      id="questions"
      title="knowledge.questions"
      empty="knowledge.questions.empty"
      firstColumn="knowledge.column.question"
      search={useQuestionSearch(props, true)}
      firstLang={props.language}
      first={(hit) => (
        <>
          <Text size="sm" fw={500}>
            {hit.text?.question ?? hit.id}
          </Text>
          <Text size="sm">{hit.text?.answer}</Text>
        </>
      )}
    />
  );
}
