/**
 * The one progress store the UI talks to. It holds the learner's paths, derives scores with the
 * engine, and hands every decision to the LMS adapter (SCORM 1.2, SCORM 2004 or this device).
 * Components never see the LMS.
 */
import type { DecisionRecord, Scenario } from '../course/types';
import { decodeProgress, encodeProgress, ProgressCodeError, scenarioIdsIn, type CourseProgress } from '../engine/progress';
import { courseState, type CourseState } from '../engine/score';
import { replay, type ScenarioRun } from '../engine/run';
import { attachPageLifecycle, clearLocalRecord, connectLms } from '../lms';
import type { LmsAdapter, LmsKind, LmsSnapshot, SaveStatus } from '../lms/types';
import { ContentLoadError, course, loadScenarios, scenarioById, unitScope, unitsInScope } from './course';
import { cpdKey, emptyCpd, readCpd, writeCpd, type CpdData } from '../cpd/record';

function deviceStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}

class Session {
  paths = $state<Record<string, string[]>>({});
  notices = $state<string[]>([]);
  saveStatus = $state<SaveStatus>({ state: 'ok' });
  lmsKind = $state<LmsKind>('standalone');
  learnerName = $state('');
  scope = $state<string | null>(null);
  ready = $state(false);
  /** where the LMS said the learner was (a scenario id), read once at launch */
  resumeAt = $state('');
  /** the CPD record kept on this device: time spent, finish dates, reflection notes */
  cpd = $state<CpdData>(emptyCpd());
  private adapter: LmsAdapter | null = null;
  private location = '';
  private storage: Storage | undefined;
  private enteredAt = 0;

  /** the id the device keeps this package's records under (a one-unit package has its own) */
  get courseKey(): string {
    return course.id + (this.scope ? `-${this.scope}` : '');
  }
  get scenarioIds(): string[] {
    return unitsInScope(this.scope).flatMap((u) => u.scenarios);
  }
  /** recomputed only when the paths (or the scope) change */
  readonly state: CourseState = $derived(courseState(course, { paths: this.paths }, this.scenarioIds));

  private starting = false;

  async start(win: Window = window): Promise<void> {
    if (this.ready || this.starting) return;
    this.starting = true;
    this.scope = unitScope(win.document);
    this.storage = deviceStorage(win);
    this.cpd = readCpd(this.storage, this.courseKey);
    win.addEventListener('pagehide', () => this.clockOut());
    try {
      this.adapter = connectLms({ window: win, courseId: this.courseKey, passMark: course.passMark, reportFailed: course.reportFailed });
      this.adapter.onStatus((s) => (this.saveStatus = s));
      const launch = this.adapter.start();
      this.lmsKind = launch.kind;
      this.learnerName = launch.learnerName;
      this.notices = [...this.adapter.notices];
      // the scenarios the saved progress names are loaded before it is replayed: nothing is scored, shown or
      // sent to the LMS from a scenario's card alone (src/lib/player/course.ts)
      await loadScenarios(scenarioIdsIn(launch.suspendData));
      this.restore(launch.suspendData);
      this.resumeAt = scenarioById(launch.location) ? launch.location : '';
      attachPageLifecycle(this.adapter, win, () => this.snapshot());
    } catch (e) {
      if (e instanceof ContentLoadError) {
        // the saved progress cannot be read in full: write nothing, and say why
        this.adapter = null;
        this.notices = [...this.notices, `Your saved progress could not be read, because part of the course did not load (${e.message}). Nothing has been changed: close the course and open it again.`];
        return;
      }
      // the adapter is built not to throw; if it ever does, the course still runs, unsaved
      this.notices = [...this.notices, `Progress cannot be saved in this session (${(e as Error).message}).`];
      this.adapter = null;
    }
    this.ready = true;
  }

  private restore(code: string): void {
    try {
      const { progress, notices } = decodeProgress(course, code);
      this.paths = progress.paths;
      this.notices = [...this.notices, ...notices];
    } catch (e) {
      if (!(e instanceof ProgressCodeError)) throw e;
      // keep the unreadable code so nothing saved is lost, then start afresh
      try {
        globalThis.localStorage?.setItem(`${this.courseKey}:unreadable`, code);
      } catch {
        /* storage may be unavailable */
      }
      this.notices = [...this.notices, `Your saved progress could not be read (${e.message}), so the course starts afresh. A copy was kept on this device.`];
      this.paths = {};
    }
  }

  snapshot(): LmsSnapshot {
    const st = this.state;
    return {
      scoreRaw: st.score.raw,
      scoreMin: st.score.min,
      scoreMax: st.score.max,
      scaled: st.score.scaled,
      completed: st.completed,
      passed: st.passed,
      progress: st.progress,
      // never empty: some LMSs refuse an empty cmi.location (scorm-again in 2004 mode does)
      location: this.location || 'home',
      suspendData: this.code(),
    };
  }

  code(): string {
    const p: CourseProgress = { paths: this.paths };
    return encodeProgress(course, p);
  }

  /** A saved run of a scenario, replayed to where the learner left it. */
  resume(s: Scenario): ScenarioRun {
    const { run } = replay(s, this.paths[s.id] ?? []);
    return run;
  }

  /**
   * The learner opened a scenario (or the home page: ''). The location travels with the next
   * decision's commit, or with the final save when the page goes away: no commit of its own, so
   * an LMS sees at most one commit per decision.
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
    // without an LMS the device is the only record: the course starts afresh
    if (this.lmsKind === 'standalone') this.paths = {};
  }

  /** Called by the player after run.choose(): keeps the path and reports the decision. */
  record(run: ScenarioRun, d: DecisionRecord): void {
    this.paths = { ...this.paths, [run.scenario.id]: [...run.path] };
    this.location = run.scenario.id;
    this.adapter?.recordDecision(d, this.snapshot());
    if (!this.cpd.started) this.cpd.started = d.at;
    // finished when the path reaches an ending, scenes after the last decision included
    const done = this.state.scenarios.find((s) => s.id === run.scenario.id)?.done;
    if (done && !this.cpd.finished[run.scenario.id]) {
      this.cpd.finished[run.scenario.id] = new Date().toISOString();
      this.clockOut();
    } else this.saveCpd();
  }

  retry(scenarioId: string): void {
    const { [scenarioId]: _, ...rest } = this.paths;
    this.paths = rest;
    this.adapter?.save(this.snapshot());
  }

  finish(): void {
    this.adapter?.finish(this.snapshot());
  }
}

export const session = new Session();
