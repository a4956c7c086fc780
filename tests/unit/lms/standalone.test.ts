import { describe, expect, test } from 'vitest';
import { clearLocalRecord, readLocalRecord } from '../../../src/lib/lms';
import { localKeys } from '../../../src/lib/lms/local';
import { connect, decision, memoryStorage, snapshot, threeDecisions, windowChain } from './helpers';

const COURSE = 'digital-boundaries';

function standalone(storage: Storage) {
  const [win] = windowChain(1);
  return connect(win!, { storage });
}

describe('standalone face', () => {
  test('first visit: ab-initio, the notice, nothing saved yet', () => {
    const { adapter } = standalone(memoryStorage());
    expect(adapter.kind).toBe('standalone');
    expect(adapter.start()).toEqual({ kind: 'standalone', entry: 'ab-initio', location: '', suspendData: '', learnerName: '', learnerId: '', mode: 'normal', readOnly: false });
    expect(adapter.notices).toEqual(['No learning management system found: your progress is saved on this device only.']);
  });

  test('stores progress and decisions, and resumes after a reload', () => {
    const storage = memoryStorage();
    const first = standalone(storage);
    first.adapter.start();
    for (const { d, s } of threeDecisions().slice(0, 2)) first.adapter.recordDecisions([d], s);
    first.adapter.save(snapshot({ location: 'group-post', suspendData: 'v1.fr:ab', percent: 44, progress: 0.5 }));
    expect(first.statuses.every((s) => s.state === 'ok')).toBe(true);

    // "reload": a new adapter on the same storage
    const second = standalone(storage);
    expect(second.adapter.start()).toMatchObject({ entry: 'resume', location: 'group-post', suspendData: 'v1.fr:ab' });

    const record = readLocalRecord(storage, COURSE);
    expect(record.progress).toMatchObject({ suspendData: 'v1.fr:ab', location: 'group-post', percent: 44, completed: false, progress: 0.5 });
    expect(record.progress?.updated).toBeGreaterThan(0);
    expect(record.decisions.map((d) => `${d.scenarioId}.${d.decisionId}=${d.optionId}:${d.verdict}`)).toEqual([
      'friend-request.d1=a:best',
      'friend-request.d2=b:poor',
    ]);
    expect(record.decisions[1]).toEqual({
      scenarioId: 'friend-request',
      decisionId: 'd2',
      optionId: 'b',
      verdict: 'poor',
      points: 1,
      maxPoints: 3,
      latencyMs: 3_723_500,
      at: '2024-05-06T07:08:09.123Z',
    });
    expect(record.backup?.suspendData).toBe('v1.fr:ab');
    // compact: tuples, not objects
    expect(storage.getItem(localKeys(COURSE).decisions)).toMatch(/^\[\["friend-request","d1","a","best",3,3,65200,"2024-05-06T07:08:09.123Z"\],/);
  });

  test('finish stores the final state once; clearLocalRecord forgets everything', () => {
    const storage = memoryStorage();
    const { adapter } = standalone(storage);
    adapter.start();
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'x' }));
    adapter.finish(snapshot({ suspendData: 'final', completed: true, passed: true }));
    adapter.finish(snapshot({ suspendData: 'ignored' }));
    expect(readLocalRecord(storage, COURSE).progress).toMatchObject({ suspendData: 'final', completed: true, passed: true });
    clearLocalRecord(storage, COURSE);
    expect(readLocalRecord(storage, COURSE)).toEqual({ progress: null, decisions: [], backup: null });
    expect(storage.length).toBe(0);
  });

  test('damaged storage reads as nothing; a full storage reports failing without throwing', () => {
    const storage = memoryStorage();
    storage.setItem(localKeys(COURSE).progress, '{not json');
    storage.setItem(localKeys(COURSE).decisions, '[["s","d","a","nonsense",1,1,1,"x"], 42]');
    const { adapter, statuses } = standalone(storage);
    expect(adapter.start().entry).toBe('ab-initio');
    expect(readLocalRecord(storage, COURSE).decisions).toEqual([]);
    storage.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    expect(() => adapter.recordDecisions([decision()], snapshot())).not.toThrow();
    expect(statuses.at(-1)).toEqual({ state: 'failing', message: 'Could not save your progress on this device (The quota has been exceeded.).' });
  });

  test('a copy written before the percentage was kept reads its scaled score as the percentage', () => {
    const storage = memoryStorage();
    storage.setItem(localKeys(COURSE).progress, JSON.stringify({ suspendData: 'x', location: 'home', updated: 1, completed: true, passed: true, scaled: 0.79, progress: 1 }));
    expect(readLocalRecord(storage, COURSE).progress?.percent).toBe(79);
  });

  test('another window took over: nothing more is written; the device copy is there to recover from', () => {
    const storage = memoryStorage();
    const { adapter } = standalone(storage);
    adapter.start();
    adapter.save(snapshot({ suspendData: 'mine' }));
    adapter.standDown();
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'late' }));
    adapter.finish(snapshot({ suspendData: 'later' }));
    expect(readLocalRecord(storage, COURSE).progress?.suspendData).toBe('mine');
    expect(readLocalRecord(storage, COURSE).decisions).toEqual([]);
    expect(adapter.deviceCopy()).toMatchObject({ suspendData: 'mine' });
  });

  test('other courses on the same device are left alone', () => {
    const storage = memoryStorage();
    storage.setItem('another-course:progress', '{}');
    const { adapter } = standalone(storage);
    adapter.save(snapshot({ suspendData: 'x' }));
    clearLocalRecord(storage, COURSE);
    expect(storage.getItem('another-course:progress')).toBe('{}');
  });
});
