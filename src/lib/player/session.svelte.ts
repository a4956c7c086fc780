/**
 * The one progress store the UI talks to. It holds the learner's plays, derives scores with the
 * engine, and hands what counts to the LMS adapter (SCORM 1.2, SCORM 2004 or this device).
 * Components never see the LMS. What it gives the UI beyond the course state:
 *  - orderedOptions(): a decision's options in this attempt's shuffled order;
 *  - practice(): whether the current play of a scenario is practice (a replay after the play that
 *    counts, or any play in review mode), to label it;
 *  - review: the LMS opened the attempt for review or preview: results are shown, nothing is written;
 *  - elsewhere: another window took this attempt over: nothing is written, the player is locked.
 */
import type { DecisionRecord, Option, Scenario } from '../course/types';
import { drawSeed, orderOptions } from '../engine/order';
import { decodeProgress, encodeProgress, ProgressCodeError, scenarioIdsIn, type CourseProgress } from '../engine/progress';
import { replay, type ScenarioRun } from '../engine/run';
import { afterPlay, courseState, recordsOf, startReplay, type CourseState } from '../engine/score';
import { attachPageLifecycle, clearLocalRecord, connectLms } from '../lms';
import { claimAttempt, type TabChannel } from '../lms/tabs';
import type { LmsAdapter, LmsKind, LmsLaunch, LmsSnapshot, SaveStatus } from '../lms/types';
import { cpdKey, emptyCpd, readCpd, writeCpd, type CpdData } from '../cpd/record';
import { ContentLoadError, course, loadScenarios, scenarioById, unitScope, unitsInScope } from './course';
import { guardHashNavigation } from './hash-guard';
import { bootOpening, bootSeed } from '../boot/state';

function deviceStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}

/** 32 random bits for a new attempt's option order. */
const newSeed = (win: Window): number => drawSeed(win.crypto ?? globalThis.crypto);

const clock = (ms: number): string => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** What a learner is told when the LMS opens the course for review or preview. */
function reviewNotices(launch: LmsLaunch, nothingSaved: boolean): string[] {
  if (launch.mode === 'browse') return [PREVIEW_NOTICE];
  if (!nothingSaved) return [REVIEW_NOTICE];
  return [
    REVIEW_NOTICE,
    'The learning management system did not pass this attempt’s details to the course, so they cannot be shown here; your recorded result is unchanged.',
  ];
}

export const REVIEW_NOTICE =
  'You are reviewing a finished attempt: you can look through your results and replay scenarios, but nothing you do here changes your recorded result. To try for a new result, start a new attempt from the activity page of your learning management system.';
export const PREVIEW_NOTICE = 'This is a preview: nothing you do here is recorded.';

class Session {
  progress = $state<CourseProgress>({ paths: {}, scored: {}, seed: 0 });
  notices = $state<string[]>([]);
  saveStatus = $state<SaveStatus>({ state: 'ok' });
  lmsKind = $state<LmsKind>('standalone');
  learnerName = $state('');
  scope = $state<string | null>(null);
  /**
   * idle (start() not called yet), starting (the page was drawn before the app, scripts/first-screen.ts,
   * and the learner's state is on its way), ready, or stopped (the saved progress could not be read in
   * full: nothing is written, a notice says why)
   */
  phase = $state<'idle' | 'starting' | 'ready' | 'stopped'>('idle');
  /** the learner's state is known and kept */
  get ready(): boolean {
    return this.phase === 'ready';
  }
  /** the app has not finished starting yet */
  get busy(): boolean {
    return this.phase === 'idle' || this.phase === 'starting';
  }
  /** the LMS opened this attempt for review or preview: nothing is written, every play is practice */
  review = $state(false);
  /** another window of this attempt took over: nothing is written here, the player is locked */
  elsewhere = $state(false);
  /** where the LMS said the learner was (a scenario id), read once at launch */
  resumeAt = $state('');
  /** the CPD record kept on this device: time spent, finish dates, reflection notes */
  cpd = $state<CpdData>(emptyCpd());
  private adapter: LmsAdapter | null = null;
  private location = '';
  private storage: Storage | undefined;
  private enteredAt = 0;
  private win: Window | null = null;
  /** decisions made in replays in this session, per scenario (reported if the replay comes to count) */
  private replayRecords: Record<string, DecisionRecord[]> = {};

  /** the id the device keeps this package's records under (a one-unit package has its own) */
  get courseKey(): string {
    return course.id + (this.scope ? `-${this.scope}` : '');
  }
  get scenarioIds(): string[] {
    return unitsInScope(this.scope).flatMap((u) => u.scenarios);
  }
  /** recomputed only when the progress (or the scope) changes */
  readonly state: CourseState = $derived(courseState(course, this.progress, this.scenarioIds));

  async start(win: Window = window): Promise<void> {
    if (this.phase !== 'idle') return;
    this.phase = 'starting';
    this.win = win;
    this.scope = unitScope(win.document);
    this.storage = deviceStorage(win);
    this.cpd = readCpd(this.storage, this.courseKey);
    win.addEventListener('pagehide', () => this.clockOut());
    guardHashNavigation(win);
    try {
      this.adapter = connectLms({ window: win, courseId: this.courseKey });
      this.adapter.onStatus((s) => (this.saveStatus = s));
      const launch = this.adapter.start();
      this.lmsKind = launch.kind;
      this.learnerName = launch.learnerName;
      this.review = launch.readOnly;
      this.notices = [...this.adapter.notices];
      // the scenarios the saved progress names (its plays in progress and the plays that count) are loaded
      // before it is replayed: nothing is scored, shown or sent to the LMS from a scenario's card alone
      // (src/lib/player/course.ts)
      await loadScenarios(scenarioIdsIn(launch.suspendData));
      await this.restore(launch);
      this.resumeAt = scenarioById(launch.location) ? launch.location : '';
      if (!this.review) {
        // the launch's one save: status, exit "suspend", and the progress code (a new attempt's seed included)
        this.adapter.save(this.snapshot());
        this.claim(launch);
      }
      attachPageLifecycle(this.adapter, win, () => this.snapshot());
    } catch (e) {
      if (e instanceof ContentLoadError) {
        // the saved progress cannot be read in full: write nothing, and say why
        this.adapter = null;
        this.notices = [...this.notices, `Your saved progress could not be read, because part of the course did not load (${e.message}). Nothing has been changed: close the course and open it again.`];
        this.phase = 'stopped';
        return;
      }
      // the adapter is built not to throw; if it ever does, the course still runs, unsaved
      this.notices = [...this.notices, `Progress cannot be saved in this session (${(e as Error).message}).`];
      this.adapter = null;
    }
    this.phase = 'ready';
  }

  /** The LMS's progress code, or when it cannot be read, the device's copy for this learner; a new attempt gets a seed. */
  private async restore(launch: LmsLaunch): Promise<void> {
    const notices: string[] = [];
    let progress: CourseProgress;
    try {
      const decoded = decodeProgress(course, launch.suspendData);
      // a new attempt: the seed the boot drew its decision with, when it drew one (src/lib/boot/state.ts)
      progress = decoded.fresh ? { ...decoded.progress, seed: bootSeed(this.win) ?? newSeed(this.win!) } : decoded.progress;
      notices.push(...decoded.notices);
      if (this.review) notices.push(...reviewNotices(launch, decoded.fresh));
    } catch (e) {
      if (!(e instanceof ProgressCodeError)) throw e;
      // keep the unreadable code so nothing saved is lost
      try {
        this.storage?.setItem(`${this.courseKey}:unreadable`, launch.suspendData);
      } catch {
        /* storage may be unavailable */
      }
      const copy = this.adapter?.deviceCopy() ?? null;
      if (copy) await loadScenarios(scenarioIdsIn(copy.suspendData));
      const recovered = copy ? this.readable(copy.suspendData) : null;
      if (copy && recovered) {
        progress = recovered;
        notices.push(
          `The copy of your progress held by the learning management system could not be read (${e.message}), so the copy this device kept at ${clock(copy.updated)} was used` +
            (this.review ? '.' : ' and sent back to it.'),
        );
      } else {
        progress = { paths: {}, scored: {}, seed: newSeed(this.win!) };
        notices.push(`Your saved progress could not be read (${e.message}), so the course starts afresh. A copy was kept on this device.`);
      }
      if (this.review) notices.push(...reviewNotices(launch, false));
    }
    this.progress = progress;
    this.notices = [...this.notices, ...notices];
  }

  private readable(code: string): CourseProgress | null {
    try {
      const d = decodeProgress(course, code);
      return d.fresh ? null : d.progress;
    } catch {
      return null;
    }
  }

  /** Only this window writes the attempt; a newer window of the same learner takes it over. */
  private claim(launch: LmsLaunch): void {
    let channel: TabChannel | null = null;
    try {
      channel = typeof BroadcastChannel === 'function' ? (new BroadcastChannel(`${this.courseKey}:attempt`) as unknown as TabChannel) : null;
    } catch {
      channel = null;
    }
    claimAttempt({
      channel,
      learner: launch.learnerId,
      latestCode: () => this.code(),
      onTakenOver: () => {
        this.adapter?.standDown();
        this.elsewhere = true;
        this.notices = [
          ...this.notices,
          `This course is now open in another window or tab, which saves your progress from now on. Nothing you do here is saved: carry on there.` +
            (launch.kind === 'standalone' ? ' To carry on here instead, reload this page.' : ' To carry on here instead, close the other one and open the activity again.'),
        ];
      },
      // the other window's progress may name scenarios this one has not loaded yet
      onHandover: (code) => void loadScenarios(scenarioIdsIn(code)).then(() => this.adopt(code), () => {}),
    });
  }

  /**
   * The window that stood down may know decisions the LMS had not saved when this one loaded:
   * when its progress only adds to this one's, take it, and report the decisions it adds.
   */
  private adopt(code: string): void {
    if (code === this.code()) return;
    const theirs = this.readable(code);
    if (!theirs) return;
    // only scenarios the other window has played (those are loaded): the others add no decisions
    const scenarios = this.scenarioIds.map((id) => scenarioById(id)!).filter((s) => countingPath(s, theirs).length || countingPath(s, this.progress).length);
    if (!scenarios.every((s) => extends_(countingPath(s, this.progress), countingPath(s, theirs)))) return;
    const missing = scenarios.flatMap((s) => recordsOf(s, countingPath(s, theirs)).records.slice(countingPath(s, this.progress).length));
    this.progress = theirs;
    if (missing.length) this.adapter?.recordDecisions(missing, this.snapshot());
    else this.adapter?.save(this.snapshot());
  }

  snapshot(): LmsSnapshot {
    const st = this.state;
    return {
      percent: st.percent,
      completed: st.completed,
      passed: st.passed,
      progress: st.progress,
      // never empty: some LMSs refuse an empty cmi.location (scorm-again in 2004 mode does)
      location: this.location || 'home',
      suspendData: this.code(),
    };
  }

  code(): string {
    return encodeProgress(course, this.progress);
  }

  /** The path of the scenario's current play: a replay, else the play that counts or the first play. */
  private currentPath(id: string): string[] {
    return this.progress.paths[id] ?? this.progress.scored?.[id] ?? [];
  }

  /** Where the boot's view of this scenario stands, when it shows this attempt's state (src/lib/boot/state.ts). */
  bootOpening(id: string): { scenes: number; picked: string } | null {
    const played = this.review || this.currentPath(id).length > 0 || (this.progress.scored?.[id]?.length ?? 0) > 0;
    return bootOpening(id, this.progress.seed, played, this.win);
  }

  /** A saved run of a scenario, replayed to where the learner left it. */
  resume(s: Scenario): ScenarioRun {
    return replay(s, this.currentPath(s.id)).run;
  }

  /** The options of a decision in this attempt's order (the same on every visit, resume and replay). */
  orderedOptions(scenarioId: string, decisionId: string, options: readonly Option[]): Option[] {
    return orderOptions(options, this.progress.seed ?? 0, scenarioId, decisionId);
  }

  /** What a learner who finished below the pass mark can do next, for the results page. */
  get notPassedAdvice(): string {
    if (course.scoredAttempt === 'best') return 'You have not reached the pass mark yet: replay a scenario, and a better result replaces the one you have.';
    const again =
      this.lmsKind === 'standalone'
        ? 'to start a new attempt, clear your record from this device (CPD record page)'
        : 'to try again for a new result, start a new attempt from the activity page of your learning management system';
    return `You have not reached the pass mark. Replays are practice and do not change your result; ${again}.`;
  }

  /** The current play of this scenario is practice: a replay after the play that counts, or anything in review mode. */
  practice(scenarioId: string): boolean {
    return this.review || (this.progress.scored?.[scenarioId] !== undefined && this.progress.paths[scenarioId] !== undefined);
  }

  /**
   * The learner opened a scenario (or the home page: ''). The location travels with the next
   * decision's save, or with the checkpoint when the page is hidden: no save of its own, so an
   * LMS sees at most one commit per decision.
   */
  enter(scenarioId: string): void {
    if (this.location === scenarioId) return;
    this.clockOut();
    this.location = scenarioId;
    this.enteredAt = Date.now();
  }

  /** Adds the time spent in the current scenario to the CPD record. */
  private clockOut(): void {
    if (!this.location || !this.enteredAt) return;
    const spent = Math.max(0, Date.now() - this.enteredAt);
    this.enteredAt = Date.now();
    this.cpd.time[this.location] = (this.cpd.time[this.location] ?? 0) + spent;
    this.saveCpd();
  }

  saveCpd(): void {
    writeCpd(this.storage, this.courseKey, $state.snapshot(this.cpd));
  }

  /** Clears everything this course keeps on the device (the LMS's own record is not touched). */
  clearDevice(): void {
    this.cpd = emptyCpd();
    this.enteredAt = 0;
    if (!this.storage) return;
    clearLocalRecord(this.storage, this.courseKey);
    try {
      this.storage.removeItem(cpdKey(this.courseKey));
    } catch {
      /* storage blocked: nothing was kept there either */
    }
    // without an LMS the device is the only record: the course starts afresh, as a new attempt
    if (this.lmsKind === 'standalone') this.progress = { paths: {}, scored: {}, seed: this.win ? newSeed(this.win) : 0 };
  }

  /**
   * Called by the player after run.choose(): keeps the play and reports what counts. A first play
   * reports each decision as it is made; a replay is practice, saved only so it resumes, unless
   * (scoredAttempt "best") it finishes above the result so far: then its decisions are reported.
   */
  record(run: ScenarioRun, d: DecisionRecord): void {
    if (this.elsewhere) return;
    const id = run.scenario.id;
    const practice = this.practice(id);
    const { progress, counted } = afterPlay(course.scenarios, this.progress, run.scenario, run.path, course.scoredAttempt);
    this.progress = progress;
    this.location = id;
    if (!practice) this.adapter?.recordDecisions([d], this.snapshot());
    else {
      const made = [...(this.replayRecords[id] ?? []), d];
      this.replayRecords[id] = made;
      if (counted) {
        // decisions of a replay begun in an earlier session were not kept: replayed from the path
        const earlier = recordsOf(run.scenario, run.path).records.slice(0, Math.max(0, run.path.length - made.length));
        this.adapter?.recordDecisions([...earlier, ...made.slice(-run.path.length)], this.snapshot());
      } else this.adapter?.save(this.snapshot());
    }
    if (!this.cpd.started) this.cpd.started = d.at;
    // finished when the path reaches an ending, scenes after the last decision included
    const done = this.state.scenarios.find((s) => s.id === id)?.done;
    if (done && !this.cpd.finished[id]) {
      this.cpd.finished[id] = new Date().toISOString();
      this.clockOut();
    } else this.saveCpd();
  }

  /** "Try again": a replay starts; it is practice once the scenario has a play that counts. */
  retry(scenarioId: string): void {
    if (this.elsewhere) return;
    this.progress = startReplay(course.scenarios, this.progress, scenarioId);
    this.replayRecords[scenarioId] = [];
    this.adapter?.save(this.snapshot());
  }

  finish(): void {
    this.adapter?.finish(this.snapshot());
  }
}

/** The play of a scenario whose decisions the LMS's journal holds: the one that counts, or the first play. */
const countingPath = (s: Scenario, p: CourseProgress): string[] => p.scored?.[s.id] ?? p.paths[s.id] ?? [];

/** `b` is `a` with more choices after it (or the same). */
const extends_ = (a: readonly string[], b: readonly string[]): boolean => a.length <= b.length && a.every((o, i) => o === b[i]);

export const session = new Session();
