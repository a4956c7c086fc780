/**
 * The names each SCORM version gives the API's functions and the launch's elements: apart from the
 * dialects (cmi.ts) so the boot (src/lib/boot/boot.ts) can read the launch without their writers.
 */
import type { Dialect } from './cmi';

type Names = Pick<Dialect, 'fn' | 'el'>;

export const NAMES_12: Names = {
  fn: {
    initialize: 'LMSInitialize',
    terminate: 'LMSFinish',
    getValue: 'LMSGetValue',
    setValue: 'LMSSetValue',
    commit: 'LMSCommit',
    getLastError: 'LMSGetLastError',
    getErrorString: 'LMSGetErrorString',
  },
  el: {
    entry: 'cmi.core.entry',
    location: 'cmi.core.lesson_location',
    suspendData: 'cmi.suspend_data',
    learnerName: 'cmi.core.student_name',
    learnerId: 'cmi.core.student_id',
    interactionCount: 'cmi.interactions._count',
    mode: 'cmi.core.lesson_mode',
    credit: 'cmi.core.credit',
  },
};

export const NAMES_2004: Names = {
  fn: {
    initialize: 'Initialize',
    terminate: 'Terminate',
    getValue: 'GetValue',
    setValue: 'SetValue',
    commit: 'Commit',
    getLastError: 'GetLastError',
    getErrorString: 'GetErrorString',
  },
  el: {
    entry: 'cmi.entry',
    location: 'cmi.location',
    suspendData: 'cmi.suspend_data',
    learnerName: 'cmi.learner_name',
    learnerId: 'cmi.learner_id',
    interactionCount: 'cmi.interactions._count',
    mode: 'cmi.mode',
    credit: 'cmi.credit',
  },
};
