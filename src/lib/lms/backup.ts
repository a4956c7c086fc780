/**
 * The device copy of the last progress code (`<courseId>:backup`), kept in every face,
 * and the rule for offering it back at launch.
 */
import { readBackup, writeBackup, type LocalBackup } from './local';
import type { LmsKind, LmsSnapshot } from './types';

export class BackupKeeper {
  /** what the LMS is known to hold (set at launch, moved on by each successful commit) */
  private confirmed: LocalBackup['confirmed'];
  private learnerId = '';

  constructor(
    private readonly storage: Storage,
    private readonly courseId: string,
    private readonly now: () => number,
    private readonly kind: LmsKind,
  ) {}

  /** Without an LMS: keep the learner and LMS confirmation of an earlier LMS session, so its rule still holds. */
  inheritIdentity(): void {
    const prior = readBackup(this.storage, this.courseId);
    if (!prior) return;
    this.learnerId = prior.learnerId;
    this.confirmed = prior.confirmed;
  }

  /**
   * At an LMS launch: the device copy to resume from instead of the LMS's, or null.
   * It is offered only when it is the same learner's, the LMS never acknowledged it (a commit
   * failed after it was written), and the LMS holds nothing or exactly what it last acknowledged,
   * i.e. the device copy is newer than the LMS's. Then the LMS's data is what is confirmed.
   */
  launch(lmsSuspendData: string, learnerId: string): LocalBackup | null {
    const prior = readBackup(this.storage, this.courseId);
    this.learnerId = learnerId;
    this.confirmed = { suspendData: lmsSuspendData, at: this.now() };
    if (!prior || prior.suspendData === '' || prior.suspendData === lmsSuspendData) return null;
    if (prior.learnerId !== '' && prior.learnerId !== learnerId) return null;
    const unacknowledged = prior.confirmed?.suspendData !== prior.suspendData;
    const lmsIsOlder = lmsSuspendData === '' || lmsSuspendData === prior.confirmed?.suspendData;
    return unacknowledged && lmsIsOlder ? prior : null;
  }

  /** Writes the snapshot's progress code; returns why it could not, or null. */
  store(s: LmsSnapshot): string | null {
    const backup: LocalBackup = {
      suspendData: s.suspendData,
      location: s.location,
      updated: this.now(),
      learnerId: this.learnerId,
      kind: this.kind,
    };
    if (this.confirmed) backup.confirmed = this.confirmed;
    return writeBackup(this.storage, this.courseId, backup);
  }

  /** A commit succeeded with this progress code in the LMS. */
  confirm(suspendData: string): void {
    const prior = readBackup(this.storage, this.courseId);
    this.confirmed = { suspendData, at: this.now() };
    if (prior) writeBackup(this.storage, this.courseId, { ...prior, confirmed: this.confirmed });
  }
}
