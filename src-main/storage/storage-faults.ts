import { AppError, isAppError } from '../domain/errors';

export type StorageFault = 'disk_full' | 'locked' | 'io';

/** Recognises SQLite errors that mean "cannot write right now", as opposed to a bug or bad data. */
export function storageFaultOf(error: unknown): StorageFault | null {
  if (isAppError(error)) return (error.details.storageFault as StorageFault | undefined) ?? null;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'locked';
  if (code === 'SQLITE_IOERR' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') return 'io';
  return null;
}

const EXPLANATIONS: Record<StorageFault, string> = {
  disk_full: 'the disk (or the database size limit) is full. Free some space',
  locked: 'the database is locked by another program. Close it',
  io: 'the database file could not be written (permissions or a failing disk). Check the folder',
};

/** The user-facing error for a storage fault during a run: what happened, and that nothing was lost. */
export function storageFaultError(fault: StorageFault, databasePath: string): AppError {
  return new AppError(
    'unavailable',
    `The run was paused because ${EXPLANATIONS[fault]} and resume the run: finished results are safe in ${databasePath}.`,
    { storageFault: fault, file: databasePath },
  );
}
