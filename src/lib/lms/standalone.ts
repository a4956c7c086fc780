/**
 * The face without an LMS: progress and decisions live in the device's storage
 * (`<courseId>:progress`, `<courseId>:decisions`), plus the backup every face keeps.
 */
import type { DecisionRecord } from '../course/types';
import { BackupKeeper } from './backup';
import { appendDecision, readBackup, readProgress, writeProgress } from './local';
import { guarded, type StatusHub } from './status';
import type { LmsAdapter, LmsLaunch, LmsSnapshot, SaveStatus } from './types';

export const NO_LMS_NOTICE = 'No learning management system found: your progress is saved on this device only.';

export interface StandaloneContext {
  storage: Storage;
  courseId: string;
  now: () => number;
  hub: StatusHub;
}

export class StandaloneAdapter implements LmsAdapter {
  readonly kind = 'standalone' as const;
  readonly notices: string[];
  private launched: LmsLaunch | null = null;
  private finished = false;
  /** another window took over: nothing more is written from here */
  private stoodDown = false;
  private readonly backup: BackupKeeper;

  constructor(
    private readonly ctx: StandaloneContext,
    notices: string[],
  ) {
    this.notices = notices;
    this.backup = new BackupKeeper(ctx.storage, ctx.courseId, ctx.now, 'standalone');
    this.backup.inheritIdentity();
  }

  start(): LmsLaunch {
    if (this.launched) return this.launched;
    const saved = readProgress(this.ctx.storage, this.ctx.courseId);
    const hasData = saved !== null && (saved.suspendData !== '' || saved.location !== '');
    this.launched = {
      kind: 'standalone',
      entry: hasData ? 'resume' : 'ab-initio',
      location: saved?.location ?? '',
      suspendData: saved?.suspendData ?? '',
      learnerName: '',
      learnerId: '',
      mode: 'normal',
      readOnly: false,
    };
    return this.launched;
  }

  recordDecisions(decisions: DecisionRecord[], s: LmsSnapshot): void {
    if (this.stoodDown) return;
    guarded(this.ctx.hub, () => {
      const problems = decisions.map((d) => appendDecision(this.ctx.storage, this.ctx.courseId, d));
      this.write(s, problems.find((p) => p !== null) ?? null);
    });
  }

  save(s: LmsSnapshot): void {
    if (this.stoodDown) return;
    guarded(this.ctx.hub, () => this.write(s, null));
  }

  checkpoint(s: LmsSnapshot): void {
    // storage writes are synchronous and final already; this keeps the latest snapshot
    this.save(s);
  }

  finish(s: LmsSnapshot): void {
    if (this.finished || this.stoodDown) return;
    this.finished = true;
    guarded(this.ctx.hub, () => this.write(s, null));
  }

  standDown(): void {
    this.stoodDown = true;
  }

  deviceCopy(): { suspendData: string; location: string; updated: number } | null {
    const b = readBackup(this.ctx.storage, this.ctx.courseId);
    return b && b.suspendData !== '' ? { suspendData: b.suspendData, location: b.location, updated: b.updated } : null;
  }

  onStatus(cb: (s: SaveStatus) => void): () => void {
    return this.ctx.hub.subscribe(cb);
  }

  private write(s: LmsSnapshot, earlier: string | null): void {
    // every write is attempted even when an earlier one failed
    const problems = [earlier, writeProgress(this.ctx.storage, this.ctx.courseId, s, this.ctx.now()), this.backup.store(s)];
    const problem = problems.find((p) => p !== null);
    this.ctx.hub.emit(
      problem == null ? { state: 'ok' } : { state: 'failing', message: `Could not save your progress on this device (${problem}).` },
    );
  }
}
