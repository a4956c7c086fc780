/**
 * The SCORM face (1.2 and 2004 through one Dialect). Rules it keeps:
 *  - every API call is wrapped: a throwing or missing function, or a "false" answer, becomes a
 *    reported problem (GetLastError/GetErrorString), never an exception out of the adapter;
 *  - each recordDecision/save sets its elements and then commits exactly once; a failed commit is
 *    retried with backoff (250 ms, 1 s, 4 s) and the learner hears "retrying", then "ok" or "failing";
 *  - operations run strictly one after another, even when an LMS call or a status listener calls
 *    back into the adapter (those calls are queued behind the running one);
 *  - the progress code is written to the device before the LMS is touched, so nothing is lost.
 */
import type { DecisionRecord } from '../course/types';
import { BackupKeeper } from './backup';
import type { Dialect, Pair } from './cmi';
import type { RawApi } from './discover';
import { StandaloneAdapter, type StandaloneContext } from './standalone';
import { errorText, guarded, type StatusHub } from './status';
import type { LmsAdapter, LmsKind, LmsLaunch, LmsSnapshot, SaveStatus, TimerHandle } from './types';

export interface ScormContext extends StandaloneContext {
  hub: StatusHub;
  reportFailed: boolean;
  setTimeout: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout: (handle: TimerHandle) => void;
  retryDelays: readonly number[];
}

interface CallResult {
  value: unknown;
  /** the exception's message when the call threw, or why it could not be made */
  threw?: string;
}

const isTrue = (v: unknown): boolean => v === true || String(v).toLowerCase() === 'true';

function entryOf(v: string): LmsLaunch['entry'] {
  return v === 'ab-initio' || v === 'resume' ? v : '';
}

function clockOf(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export class ScormAdapter implements LmsAdapter {
  private launched: LmsLaunch | null = null;
  /** set when Initialize failed: every call goes there */
  private fallback: StandaloneAdapter | null = null;
  private readonly ownNotices: string[] = [];
  private finishing = false;
  private startedAt = 0;
  private readonly backup: BackupKeeper;
  /** the progress code the LMS last accepted with SetValue (confirmed by the next good commit) */
  private lmsSuspendData = '';
  /** the location the LMS holds, as far as we know */
  private lmsLocation = '';
  /** the next interaction index when the LMS's _count cannot be read */
  private nextIndex = 0;
  private retryTimer: TimerHandle | null = null;
  private retryAttempt = 0;
  private readonly queue: (() => void)[] = [];
  private busy = false;
  /** the last LMS error, for the retry messages */
  private lastErrorText = '';

  constructor(
    private readonly api: RawApi,
    private readonly dialect: Dialect,
    private readonly ctx: ScormContext,
    private readonly baseNotices: string[],
  ) {
    this.backup = new BackupKeeper(ctx.storage, ctx.courseId, ctx.now, dialect.version);
  }

  get kind(): LmsKind {
    return this.fallback ? 'standalone' : this.dialect.version;
  }

  get notices(): string[] {
    return this.fallback ? this.fallback.notices : [...this.baseNotices, ...this.ownNotices];
  }

  onStatus(cb: (s: SaveStatus) => void): () => void {
    return this.ctx.hub.subscribe(cb);
  }

  start(): LmsLaunch {
    if (this.fallback) return this.fallback.start();
    if (this.launched) return this.launched;
    try {
      return this.launch();
    } catch (e) {
      // only a bug of ours could get here; the course must still run
      return this.fallBack(`the connection failed: ${errorText(e)}`);
    }
  }

  recordDecision(d: DecisionRecord, s: LmsSnapshot): void {
    this.guard(() => this.decide(d, s));
  }

  private decide(d: DecisionRecord, s: LmsSnapshot): void {
    this.ensureStarted();
    if (this.fallback) return this.fallback.recordDecision(d, s);
    this.keepLocally(s);
    this.serial(() => {
      if (!this.live()) return;
      const problems: string[] = [];
      // SCORM interactions are a journal, not a table: a decision met again (the learner retried the
      // scenario) is written as a NEW record at the next index, with the SAME stable id, rather than
      // overwriting the earlier one. The LMS (Moodle lists them in order) keeps every attempt's
      // answer, and _count tells where the next record goes.
      const n = this.interactionIndex();
      const at = new Date(Number.isNaN(Date.parse(d.at)) ? this.ctx.now() : Date.parse(d.at));
      const pairs = this.dialect.interaction(n, d, at);
      const idProblem = this.set(pairs[0], problems);
      if (idProblem) {
        // without an id the rest of the record is refused (2004) or orphaned (1.2)
        problems.push(`the decision ${pairs[0][1]} was not recorded`);
      } else {
        this.nextIndex = n + 1;
        for (const pair of pairs.slice(1)) this.set(pair, problems);
      }
      this.writeSnapshot(s, problems);
      this.commitStep(problems);
    });
  }

  save(s: LmsSnapshot): void {
    this.guard(() => {
      this.ensureStarted();
      if (this.fallback) return this.fallback.save(s);
      this.keepLocally(s);
      this.serial(() => {
        if (!this.live()) return;
        const problems: string[] = [];
        this.writeSnapshot(s, problems);
        this.commitStep(problems);
      });
    });
  }

  flush(): void {
    this.guard(() => {
      this.ensureStarted();
      if (this.fallback) return this.fallback.flush();
      this.serial(() => {
        if (this.live()) this.commitStep([]);
      });
    });
  }

  finish(s: LmsSnapshot): void {
    this.guard(() => this.end(s));
  }

  private end(s: LmsSnapshot): void {
    if (this.fallback) return this.fallback.finish(s);
    if (this.finishing) return;
    this.finishing = true;
    // the session is ended even if the snapshot is unusable: the saves are guarded on their own
    this.guard(() => this.keepLocally(s));
    this.serial(() => {
      this.cancelRetry();
      if (!this.launched) return; // never started: there is no LMS session to end
      const problems: string[] = [];
      this.guard(() => this.writeSnapshot(s, problems));
      this.set(this.dialect.sessionTime(Math.max(0, this.ctx.now() - this.startedAt)), problems);
      // one last commit, no retry (the page is going away); Terminate commits too
      if (this.commitOnce(problems)) this.backup.confirm(this.lmsSuspendData);
      const done = this.call(this.dialect.fn.terminate, '');
      if (!isTrue(done.value)) problems.push(`the LMS did not close the session (${this.lastError(done)})`);
      this.report(problems);
    });
  }

  // ---- launch -------------------------------------------------------------------------------

  private launch(): LmsLaunch {
    const { fn, el } = this.dialect;
    this.startedAt = this.ctx.now();
    const init = this.call(fn.initialize, '');
    if (!isTrue(init.value)) return this.fallBack(`it did not start: ${this.lastError(init)}`);

    // On a first launch there is nothing saved to read (and SCORM 2004 answers 403 if asked)
    const entry = entryOf(this.get(el.entry));
    const fresh = entry === 'ab-initio';
    const lmsSuspend = fresh ? '' : this.get(el.suspendData);
    const learnerId = this.get(el.learnerId);
    const launch: LmsLaunch = {
      kind: this.dialect.version,
      entry,
      location: fresh ? '' : this.get(el.location),
      suspendData: lmsSuspend,
      learnerName: this.get(el.learnerName),
      learnerId,
    };
    this.lmsSuspendData = lmsSuspend;
    this.lmsLocation = launch.location;
    const recovered = this.backup.launch(lmsSuspend, learnerId);
    if (recovered) {
      launch.suspendData = recovered.suspendData;
      launch.location = recovered.location;
      launch.entry = 'resume';
      this.ownNotices.push(
        `Progress saved on this device at ${clockOf(recovered.updated)} had not reached the learning management system; it has been restored.`,
      );
    }
    this.launched = launch;

    const problems: string[] = [];
    if (this.dialect.freshStatuses.includes(this.get(el.status))) this.set([el.status, 'incomplete'], problems);
    // suspended until the course says otherwise, so a closed tab still resumes
    this.set([el.exit, 'suspend'], problems);
    this.commitStep(problems);
    return launch;
  }

  private fallBack(reason: string): LmsLaunch {
    const notice = `The learning management system could not be used (${reason}): your progress is saved on this device only.`;
    this.fallback = new StandaloneAdapter(this.ctx, [...this.baseNotices, notice]);
    return this.fallback.start();
  }

  // ---- writing ------------------------------------------------------------------------------

  /** A save before start() starts the session first (so a fall-back happens before, not during, it). */
  private ensureStarted(): void {
    if (!this.launched && !this.fallback && !this.finishing) this.start();
  }

  private live(): boolean {
    return !this.finishing && !this.fallback && this.launched !== null;
  }

  private keepLocally(s: LmsSnapshot): void {
    const problem = this.backup.store(s);
    if (problem) this.ctx.hub.emit({ state: 'failing', message: `Could not keep a copy of your progress on this device (${problem}).` });
  }

  private interactionIndex(): number {
    const raw = this.get(this.dialect.el.interactionCount);
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(n) ? n : this.nextIndex;
  }

  private writeSnapshot(s: LmsSnapshot, problems: string[]): void {
    const limit = this.dialect.suspendLimit;
    for (const pair of this.dialect.snapshot(s, this.ctx.reportFailed)) {
      if (pair[0] === this.dialect.el.suspendData) {
        if (pair[1].length > limit) {
          problems.push(
            `the progress code is too long for ${this.dialect.version === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004'} ` +
              `(${pair[1].length} of ${limit} characters), so it was not sent; it is kept on this device`,
          );
          continue;
        }
        if (!this.set(pair, problems)) this.lmsSuspendData = pair[1];
        continue;
      }
      if (pair[0] === this.dialect.el.location && pair[1] === '') {
        // Back on the home page. Some LMSs (scorm-again 3.4 in 2004 mode) refuse an empty
        // cmi.location (406), so an empty location is not sent when the LMS holds none, and a
        // refused clearing is not reported: the location is only a bookmark, the progress code
        // (suspend_data) is what the course resumes from, so nothing the learner did is lost.
        // Tried once: after a refusal the LMS keeps its old bookmark, and asking again would only
        // log the same error at every save.
        if (this.lmsLocation !== '') this.set(pair, []);
        this.lmsLocation = '';
        continue;
      }
      if (!this.set(pair, problems) && pair[0] === this.dialect.el.location) this.lmsLocation = pair[1];
    }
  }

  /** Reports any problems, then commits once (with the retry schedule when it fails). */
  private commitStep(problems: string[]): void {
    this.report(problems);
    if (this.commitOnce([])) {
      this.retryAttempt = 0;
      this.cancelRetry();
      this.backup.confirm(this.lmsSuspendData);
      if (problems.length === 0) this.ctx.hub.emit({ state: 'ok' });
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null) return; // the pending retry commits this data too
    const delays = this.ctx.retryDelays;
    const error = this.lastErrorText;
    if (this.retryAttempt >= delays.length) {
      this.retryAttempt = 0; // the next save starts a new round
      this.ctx.hub.emit({
        state: 'failing',
        message: `The learning management system is not saving (${error}). Your progress is kept on this device and will be sent again at your next step.`,
      });
      return;
    }
    const delay = delays[this.retryAttempt] ?? 0;
    this.retryAttempt += 1;
    this.ctx.hub.emit({
      state: 'retrying',
      attempt: this.retryAttempt,
      message: `Saving to the learning management system failed (${error}); trying again in ${delay / 1000} s.`,
    });
    try {
      this.retryTimer = this.ctx.setTimeout(() => {
        this.retryTimer = null;
        this.serial(() => {
          if (this.live()) this.commitStep([]);
        });
      }, delay);
    } catch {
      this.retryTimer = null; // no timers: the next save tries again
    }
  }

  private cancelRetry(): void {
    if (this.retryTimer === null) return;
    try {
      this.ctx.clearTimeout(this.retryTimer);
    } catch {
      // nothing to cancel
    }
    this.retryTimer = null;
  }

  private report(problems: string[]): void {
    if (problems.length > 0) this.ctx.hub.emit({ state: 'failing', message: `Not everything was saved: ${problems.join('; ')}.` });
  }

  // ---- the API, wrapped ---------------------------------------------------------------------

  private call(name: string, ...args: string[]): CallResult {
    const f = this.api[name];
    if (typeof f !== 'function') return { value: undefined, threw: `${name} is missing` };
    try {
      return { value: (f as (...a: string[]) => unknown).apply(this.api, args) };
    } catch (e) {
      return { value: undefined, threw: `${name} threw ${errorText(e)}` };
    }
  }

  /** "error 405: Incorrect Data Type", or the exception; remembered for retry messages. */
  private lastError(failed: CallResult): string {
    if (failed.threw !== undefined) return (this.lastErrorText = failed.threw);
    const code = this.call(this.dialect.fn.getLastError);
    const codeText = code.threw === undefined && code.value != null ? String(code.value) : '?';
    const text = this.call(this.dialect.fn.getErrorString, codeText);
    const detail = text.threw === undefined && text.value != null && String(text.value) !== '' ? `: ${String(text.value)}` : '';
    return (this.lastErrorText = `error ${codeText}${detail}`);
  }

  private get(element: string): string {
    const r = this.call(this.dialect.fn.getValue, element);
    return r.threw === undefined && r.value != null ? String(r.value) : '';
  }

  /** Sets one element; on refusal adds "element (error)" to problems and returns it. */
  private set([element, value]: Pair, problems: string[]): string | null {
    const r = this.call(this.dialect.fn.setValue, element, value);
    if (isTrue(r.value)) return null;
    const problem = `${element} (${this.lastError(r)})`;
    problems.push(problem);
    return problem;
  }

  private commitOnce(problems: string[]): boolean {
    const r = this.call(this.dialect.fn.commit, '');
    if (isTrue(r.value)) return true;
    problems.push(`the commit failed (${this.lastError(r)})`);
    return false;
  }

  private guard(body: () => void): void {
    guarded(this.ctx.hub, body);
  }

  /** Runs operations one at a time, in call order; calls made from inside one wait their turn. */
  private serial(op: () => void): void {
    this.queue.push(op);
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        this.guard(next);
      }
    } finally {
      this.busy = false;
    }
  }
}
