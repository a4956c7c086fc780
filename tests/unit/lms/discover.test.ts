import { describe, expect, test } from 'vitest';
import { findApi, MAX_HOPS } from '../../../src/lib/lms/discover';
import { connect, newScorm12, newScorm2004, windowChain, type FakeWindow } from './helpers';

describe('API discovery', () => {
  test('finds a SCORM 1.2 API three parents up', () => {
    const [top, , , frame] = windowChain(4);
    const api = newScorm12();
    top!.API = api;
    expect(findApi(frame)).toEqual({ version: 'scorm12', api });
  });

  test('finds the API on the course window itself', () => {
    const [win] = windowChain(1);
    const api = newScorm2004();
    win!.API_1484_11 = api;
    expect(findApi(win)?.api).toBe(api);
  });

  test('prefers SCORM 2004 even when a 1.2 API is nearer', () => {
    const [top, middle, frame] = windowChain(3);
    const api12 = newScorm12();
    const api2004 = newScorm2004();
    middle!.API = api12;
    top!.API_1484_11 = api2004;
    expect(findApi(frame)).toEqual({ version: 'scorm2004', api: api2004 });
    // both on the same window: 2004 again
    top!.API = api12;
    middle!.API = undefined;
    expect(findApi(frame)?.version).toBe('scorm2004');
  });

  test('searches the opener and its parents when the frame chain has none', () => {
    const lms = windowChain(3, 'lms');
    const popup = windowChain(2, 'popup');
    const api = newScorm2004();
    lms[0]!.API_1484_11 = api;
    popup[0]!.opener = lms[2]!; // the LMS frame opened the course's top window
    expect(findApi(popup[1])?.api).toBe(api);
    // and an opener on the course window itself
    const direct = windowChain(1, 'direct');
    direct[0]!.opener = lms[1]!;
    expect(findApi(direct[0])?.api).toBe(api);
  });

  test('walks past windows that throw on access (cross-origin) and ignores look-alikes', () => {
    const [top, middle, frame] = windowChain(3);
    const api = newScorm12();
    top!.API = api;
    Object.defineProperty(middle, 'API', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    Object.defineProperty(middle, 'API_1484_11', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    frame!.API = { note: 'not an API: no LMSInitialize' };
    expect(findApi(frame)?.api).toBe(api);
  });

  test('stops after MAX_HOPS parents and on cycles', () => {
    const long = windowChain(MAX_HOPS + 10);
    long[0]!.API = newScorm12();
    expect(findApi(long[long.length - 1])).toBeNull();
    expect(findApi(long[9])?.version).toBe('scorm12');
    const a = { name: 'a', opener: null } as FakeWindow;
    const b = { name: 'b', opener: null, parent: a, top: a } as FakeWindow;
    a.parent = b; // a broken hierarchy must not loop forever
    a.top = a;
    expect(findApi(a)).toBeNull();
  });

  test('no API anywhere → standalone face with a notice', () => {
    const [, frame] = windowChain(2);
    const { adapter } = connect(frame!);
    expect(adapter.kind).toBe('standalone');
    expect(adapter.notices).toContain('No learning management system found: your progress is saved on this device only.');
  });

  test('connectLms picks the 2004 face when both exist', () => {
    const [top, frame] = windowChain(2);
    top!.API = newScorm12();
    top!.API_1484_11 = newScorm2004();
    const { adapter } = connect(frame!);
    expect(adapter.kind).toBe('scorm2004');
    expect(adapter.start().kind).toBe('scorm2004');
  });

  test('a window whose localStorage throws still gets a working adapter, with a notice', () => {
    const [win] = windowChain(1);
    Object.defineProperty(win, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const { adapter } = connect(win!, { storage: undefined });
    expect(adapter.notices.some((n) => /does not let the course keep anything/.test(n))).toBe(true);
    expect(() => adapter.start()).not.toThrow();
  });
});
