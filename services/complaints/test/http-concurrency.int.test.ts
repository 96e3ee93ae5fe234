import { complaintStreamName } from '@chp/contracts';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const note = (text: string) => ({ visibility: 'internal', text });

describe('two agents on one complaint', () => {
  it('with If-Match: one wins, the other gets 412 and nothing of it is appended', async () => {
    const { complaintId } = await fileDirectly(h);
    const seen = await h.as('agent').get(`/v1/complaints/${complaintId}`);
    const etag = seen.headers.get('etag');
    expect(etag).toBe('"0"');

    const replies = await Promise.all([
      h
        .as('agent')
        .post(`/v1/complaints/${complaintId}/add-note`, note('Alice was here'), { 'if-match': etag! }),
      h
        .as('agent2')
        .post(`/v1/complaints/${complaintId}/add-note`, note('Bob was here'), { 'if-match': etag! }),
    ]);

    expect(replies.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = replies.find((r) => r.status === 200)!;
    const loser = replies.find((r) => r.status === 412)!;
    expect(winner.headers.get('etag')).toBe('"1"');
    expect(loser.headers.get('content-type')).toContain('application/problem+json');
    expect(loser.body).toMatchObject({ expectedRevision: 0, currentRevision: 1 });
    const events = await h.store.readStream(complaintStreamName(complaintId));
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled', 'NoteAdded']);
  });

  it('without If-Match: both notes land, the second after a retry on the conflict', async () => {
    const { complaintId } = await fileDirectly(h);
    const replies = await Promise.all([
      h.as('agent').post(`/v1/complaints/${complaintId}/add-note`, note('first')),
      h.as('agent2').post(`/v1/complaints/${complaintId}/add-note`, note('second')),
    ]);

    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies.map((r) => r.headers.get('etag')).sort()).toEqual(['"1"', '"2"']);
    const events = await h.store.readStream(complaintStreamName(complaintId));
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled', 'NoteAdded', 'NoteAdded']);
  });

  it('answers 412 to a stale If-Match even when no one is writing at the moment', async () => {
    const { complaintId } = await fileDirectly(h);
    await h.as('agent').post(`/v1/complaints/${complaintId}/add-note`, note('one'));
    const stale = await h
      .as('agent2')
      .post(`/v1/complaints/${complaintId}/acknowledge`, undefined, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe('urn:chp:problem:revision-mismatch');
  });
});
