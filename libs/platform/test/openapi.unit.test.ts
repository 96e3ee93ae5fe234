import { type OpenApiDocument, openApiDocument, toYaml } from '@chp/platform';
import { committedDocumentProblems } from '@chp/testing';

const documentOf = (paths: OpenApiDocument['paths']) =>
  openApiDocument({
    service: 'spec',
    version: '1.0.0',
    description: 'A document for the kit spec.',
    port: 3999,
    tags: [{ name: 'things', description: 'Things.' }],
    paths,
    schemas: {},
  });
const thing = { get: { operationId: 'getThing', responses: { '200': { description: 'ok' } } } };

describe('committedDocumentProblems', () => {
  it('finds none when the committed file is the generated YAML of a valid document', () => {
    const document = documentOf({ '/v1/things': thing });
    expect(committedDocumentProblems(document, toYaml(document, 'spec'), toYaml(document, 'spec'))).toEqual(
      [],
    );
  });

  it('names a stale committed file, telling to run npm run docs', () => {
    const document = documentOf({ '/v1/things': thing });
    const stale = toYaml(documentOf({}), 'spec');
    expect(committedDocumentProblems(document, toYaml(document, 'spec'), stale)).toEqual([
      'the committed file differs from the generated document: run `npm run docs`',
    ]);
  });

  it('names a document the YAML does not carry as JSON would (a Map: YAML writes its entries, JSON none)', () => {
    const document = documentOf({ '/v1/things': { get: { ...thing.get, 'x-table': new Map([['a', 1]]) } } });
    const yaml = toYaml(document, 'spec');
    expect(committedDocumentProblems(document, yaml, yaml)).toEqual([
      'the committed file does not parse back to the document (toYaml lost something)',
    ]);
  });

  it('names structural faults: a dangling $ref, a path parameter not in the template', () => {
    const document = documentOf({
      '/v1/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'key', in: 'path', required: true }],
          responses: { '404': { $ref: '#/components/responses/Gone' } },
        },
      },
    });
    const yaml = toYaml(document, 'spec');
    expect(committedDocumentProblems(document, yaml, yaml)).toEqual([
      '#/paths//v1/things/{id}/get/responses/404: $ref #/components/responses/Gone resolves to nothing',
      "GET /v1/things/{id}: path parameters key differ from the template's id",
    ]);
  });
});
