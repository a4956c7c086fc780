/**
 * The face without an LMS: progress and decisions live in the device's storage
 * (`<courseId>:progress`, `<courseId>:decisions`), plus the backup every face keeps.
 */
import type { DecisionRecord } from '../course/types';
import { BackupKeeper } from './backup';
import { appendDecision, readProgress, writeProgress } from './local';
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
    };
    return this.launched;
  }

  recordDecision(d: DecisionRecord, s: LmsSnapshot): void {
    guarded(this.ctx.hub, () => this.write(s, appendDecision(this.ctx.storage, this.ctx.courseId, d)));
  }

  save(s: LmsSnapshot): void {
    guarded(this.ctx.hub, () => this.write(s, null));
  }

  flush(): void {
    // storage writes are already synchronous and final
  }

  finish(s: LmsSnapshot): void {
    if (this.finished) return;
    this.finished = true;
    guarded(this.ctx.hub, () => this.write(s, null));
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
