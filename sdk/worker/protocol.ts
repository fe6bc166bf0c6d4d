// Messages between the Node entry and the backup-code worker thread.
import type { TwoFactorErrorCode } from '../errors.js';

export type BackupJob =
  | { id: number; op: 'use'; args: [record: string, code: string, userId: string] }
  | { id: number; op: 'hash'; args: [codes: string[], userId: string] }
  | { id: number; op: 'import'; args: [codes: string[], userId: string] };

export type BackupReply =
  | { id: number; value: unknown; error?: undefined }
  | { id: number; error: { code: TwoFactorErrorCode; message: string } };
