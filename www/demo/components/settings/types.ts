/** What the settings page shows: twofa's status(user), as plain data. */
export interface Status {
  enabled: boolean;
  methods: string[];
  backupRemaining: number;
  needsRotation: boolean;
  factorResetAt: number | null;
  devices: { rememberDays: number; revokedAt: number | null };
}
