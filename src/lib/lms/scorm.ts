/**
 * The SCORM face (1.2 and 2004 through one Dialect). Rules it keeps:
 *  - every API call is wrapped: a throwing or missing function, or a "false" answer, becomes a
 *    reported problem (GetLastError/GetErrorString), never an exception out of the adapter;
 *  - off the interaction path: recordDecisions/save/checkpoint only queue the work and return; the
 *    LMS is called afterwards, ONE call per task, so the page stays responsive however slow each
 *    call is (an LMS API is synchronous: ten 2-second calls in one task froze the page for 20 s);
 *  - few calls: what the LMS already accepted in this session is not set again, the interaction
 *    index is read once at launch, and work queued while the LMS is busy goes out together, with
 *    one commit. Each save ends with the session time and one commit; a failed commit is retried
 *    with backoff (250 ms, 1 s, 4 s) and the learner hears "retrying", then "ok" or "failing";
 *  - the progress code is written to the device before the LMS is touched, so nothing is lost;
 *  - a launch in review, browse or no-credit mode writes nothing (it only ends the session);
 *  - the final save is ONE request: elements, then Terminate/LMSFinish (which persists them), no
 *    separate Commit. Moodle sends a save made while its page unloads as a navigator.sendBeacon,
 *    and Chromium refuses beacons once 64 KB are in flight: two large ones in a row fail.
 */
import type { DecisionRecord } from '../course/types';
import { BackupKeeper } from './backup';
import { isTrue, readOnlyLaunch, type Dialect, type Pair } from './cmi';
import type { RawApi } from './discover';
import { readBackup } from './local';
import { StandaloneAdapter, type StandaloneContext } from './standalone';
import { errorText, guarded, type StatusHub } from './status';
import type { LmsAdapter, LmsKind, LmsLaunch, LmsSnapshot, SaveStatus, TimerHandle } from './types';
import type { BootCall } from '../boot/state';

export interface ScormContext extends StandaloneContext {
  hub: StatusHub;
  setTimeout: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout: (handle: TimerHandle) => void;
  retryDelays: readonly number[];
  defer: (fn: () => void) => void;
}

interface CallResult {
  value: unknown;
  /** the exception's message when the call threw, or why it could not be made */
  threw?: string;
}

/** One LMS call of a save (or none, when it finds nothing to do); the commit that ends a save is marked. */
interface Step {
  run: () => void;
  commit?: true;
}

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
  /** finish() or standDown() was called: nothing more is queued or sent */
  private ended = false;
  private readOnly = false;
  private startedAt = 0;
  private readonly backup: BackupKeeper;
  /** the progress code the LMS last accepted with SetValue (confirmed by the next good commit) */
  private lmsSuspendData = '';
  /** element → the value the LMS accepted in this session (not set again) */
  private readonly accepted = new Map<string, string>();
  /** where the next interaction goes: the LMS's _count at launch, plus the ones recorded since */
  private nextIndex = 0;
  // work waiting for the LMS
  private pendingDecisions: DecisionRecord[] = [];
  private pendingSnapshot: LmsSnapshot | null = null;
  private pendingCommit = false;
  /** the save being sent: its remaining calls, and the problems met so far */
  private steps: Step[] = [];
  private problems: string[] = [];
  private scheduled = false;
  private running = false;
  private retryTimer: TimerHandle | null = null;
  private retryAttempt = 0;
  /** the last LMS error, for the retry messages */
  private lastErrorText = '';

  constructor(
    private readonly api: RawApi,
    private readonly dialect: Dialect,
    private readonly ctx: ScormContext,
    private readonly baseNotices: string[],
    /** the Initialize the boot called on this API before the app ran (src/lib/boot/state.ts), when it did */
    private readonly bootInit: BootCall | null = null,
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

  recordDecisions(decisions: DecisionRecord[], s: LmsSnapshot): void {
    this.guard(() => this.enqueue(s, decisions));
  }

  save(s: LmsSnapshot): void {
    this.guard(() => this.enqueue(s, []));
  }

  checkpoint(s: LmsSnapshot): void {
    // the same as a save: every save carries the session time
    this.save(s);
  }

  finish(s: LmsSnapshot): void {
    this.guard(() => this.end(s));
  }

  standDown(): void {
    if (this.fallback) return this.fallback.standDown();
    this.ended = true;
    this.cancelRetry();
    this.steps = [];
    this.pendingDecisions = [];
    this.pendingSnapshot = null;
    this.pendingCommit = false;
  }

  deviceCopy(): { suspendData: string; location: string; updated: number } | null {
    if (this.fallback) return this.fallback.deviceCopy();
    const b = readBackup(this.ctx.storage, this.ctx.courseId);
    if (!b || b.suspendData === '' || !this.launched || b.learnerId !== this.launched.learnerId) return null;
    return { suspendData: b.suspendData, location: b.location, updated: b.updated };
  }

  // ---- launch -------------------------------------------------------------------------------

  private launch(): LmsLaunch {
    const { fn, el } = this.dialect;
    this.startedAt = this.ctx.now();
    // called once per session: by the boot when it ran, else here
    const b = this.bootInit;
    const init: CallResult = !b ? this.call(fn.initialize, '') : 'error' in b ? { value: undefined, threw: `${fn.initialize} threw ${errorText(b.error)}` } : { value: b.value };
    if (!isTrue(init.value)) return this.fallBack(`it did not start: ${this.lastError(init)}`);

    const entry = entryOf(this.get(el.entry));
    const mode = this.get(el.mode);
    this.readOnly = readOnlyLaunch(mode, this.get(el.credit));
    // On a first launch there is nothing saved to read (and SCORM 2004 answers 403 if asked)
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
      mode,
      readOnly: this.readOnly,
    };
    this.lmsSuspendData = lmsSuspend;
    if (!this.readOnly) {
      const count = this.get(el.interactionCount);
      this.nextIndex = /^\d+$/.test(count) ? Number(count) : 0;
      const recovered = this.backup.launch(lmsSuspend, learnerId);
      if (recovered) {
        launch.suspendData = recovered.suspendData;
        launch.location = recovered.location;
        launch.entry = 'resume';
        this.ownNotices.push(
          `Progress saved on this device at ${clockOf(recovered.updated)} had not reached the learning management system; it has been restored.`,
        );
      }
    }
    this.launched = launch;
    return launch;
  }

  private fallBack(reason: string): LmsLaunch {
    const notice = `The learning management system could not be used (${reason}): your progress is saved on this device only.`;
    this.fallback = new StandaloneAdapter(this.ctx, [...this.baseNotices, notice]);
    return this.fallback.start();
  }

  // ---- queueing -----------------------------------------------------------------------------

  private enqueue(s: LmsSnapshot, decisions: DecisionRecord[]): void {
    if (!this.launched && !this.fallback && !this.ended) this.start(); // a fall-back happens before, not during, a save
    if (this.fallback) return decisions.length ? this.fallback.recordDecisions(decisions, s) : this.fallback.save(s);
    if (this.ended || this.readOnly || !this.launched) return;
    this.keepLocally(s);
    this.pendingDecisions.push(...decisions);
    this.pendingSnapshot = s; // a newer snapshot replaces one not sent yet
    this.pendingCommit = true;
    this.pump();
  }

  private hasWork(): boolean {
    return this.steps.length > 0 || this.pendingCommit;
  }

  /** Runs the next call in a later task. */
  private pump(): void {
    if (this.scheduled || this.running || this.ended) return;
    this.scheduled = true;
    this.ctx.defer(() => {
      this.scheduled = false;
      this.runOne();
    });
  }

  private runOne(): void {
    if (this.running || this.ended) return;
    this.running = true;
    try {
      if (this.steps.length === 0 && this.pendingCommit) this.steps = this.buildSave(true);
      const step = this.steps.shift();
      if (step) this.guard(step.run);
    } finally {
      this.running = false;
    }
    if (this.hasWork()) this.pump();
  }

  /**
   * The calls of one save: the queued interactions in order, the elements of the newest snapshot
   * the LMS does not hold yet, the session time, then a commit (or none: the final save).
   */
  private buildSave(commit: boolean): Step[] {
    const steps: Step[] = [];
    const decisions = this.pendingDecisions;
    const snapshot = this.pendingSnapshot;
    this.pendingDecisions = [];
    this.pendingSnapshot = null;
    this.pendingCommit = false;
    this.problems = [];
    for (const d of decisions) steps.push({ run: () => this.startInteraction(d) });
    if (snapshot) {
      for (const pair of this.dialect.snapshot(snapshot)) {
        if (this.accepted.get(pair[0]) !== pair[1]) steps.push({ run: () => this.setSnapshotPair(pair) });
      }
    }
    steps.push({ run: () => this.setPair(this.dialect.sessionTime(Math.max(0, this.ctx.now() - this.startedAt))) });
    if (commit) steps.push({ run: () => this.commitStep(), commit: true });
    return steps;
  }

  /**
   * SCORM interactions are a journal, not a table: a decision met again (a replay that counts) is
   * a NEW record at the next index with the SAME stable id, so the LMS keeps every answer that
   * counted, in order. The id goes first; without it the rest of the record is refused (2004) or
   * orphaned (1.2), so the rest follows only once the id is accepted.
   */
  private startInteraction(d: DecisionRecord): void {
    const n = this.nextIndex;
    const at = new Date(Number.isNaN(Date.parse(d.at)) ? this.ctx.now() : Date.parse(d.at));
    const [id, ...rest] = this.dialect.interaction(n, d, at);
    if (this.set(id, this.problems)) {
      this.problems.push(`the decision ${id[1]} was not recorded`);
      return;
    }
    this.nextIndex = n + 1;
    this.steps.unshift(...rest.map((pair) => ({ run: () => void this.set(pair, this.problems) })));
  }

  private setPair(pair: Pair): void {
    if (!this.set(pair, this.problems)) this.accepted.set(pair[0], pair[1]);
  }

  private setSnapshotPair(pair: Pair): void {
    const [element, value] = pair;
    if (element === this.dialect.el.suspendData && value.length > this.dialect.suspendLimit) {
      this.problems.push(
        `the progress code is too long for ${this.dialect.version === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004'} ` +
          `(${value.length} of ${this.dialect.suspendLimit} characters), so it was not sent; it is kept on this device`,
      );
      return;
    }
    this.setPair(pair);
    if (element === this.dialect.el.suspendData && this.accepted.get(element) === value) this.lmsSuspendData = value;
  }

  /** Reports the save's problems, then commits (with the retry schedule when it fails). */
  private commitStep(): void {
    const problems = this.problems;
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
        if (this.ended) return;
        this.pendingCommit = true;
        this.pump();
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

  // ---- the end ------------------------------------------------------------------------------

  private end(s: LmsSnapshot): void {
    if (this.fallback) return this.fallback.finish(s);
    if (this.ended) return;
    if (!this.launched) {
      this.ended = true; // never started: there is no LMS session to end
      return;
    }
    if (this.running) {
      // called back from inside an LMS call: end once that call has returned
      this.ctx.defer(() => this.end(s));
      return;
    }
    this.ended = true;
    this.cancelRetry();
    const problems: string[] = [];
    if (!this.readOnly) {
      this.guard(() => this.keepLocally(s));
      // the rest of a save under way (not its commit), then everything queued and the final
      // snapshot: Terminate sends them as one save
      // (the session is ended even if the snapshot is unusable)
      this.guard(() => {
        const underway = this.steps.filter((step) => !step.commit);
        const earlier = this.problems;
        this.pendingSnapshot = s;
        this.steps = [...underway, ...this.buildSave(false)];
        this.problems = earlier;
        while (this.steps.length) this.guard(this.steps.shift()!.run);
      });
      problems.push(...this.problems);
    }
    const done = this.call(this.dialect.fn.terminate, '');
    if (isTrue(done.value)) {
      if (!this.readOnly) this.backup.confirm(this.lmsSuspendData);
    } else problems.push(`the LMS did not close the session (${this.lastError(done)})`);
    this.report(problems);
  }

  // ---- the API, wrapped ---------------------------------------------------------------------

  private keepLocally(s: LmsSnapshot): void {
    const problem = this.backup.store(s);
    if (problem) this.ctx.hub.emit({ state: 'failing', message: `Could not keep a copy of your progress on this device (${problem}).` });
  }

  private report(problems: string[]): void {
    if (problems.length > 0) this.ctx.hub.emit({ state: 'failing', message: `Not everything was saved: ${problems.join('; ')}.` });
  }

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
}
