export type Role = 'admin' | 'manager';
export const ROLES: readonly Role[] = ['admin', 'manager'];

/** A staff account as the app passes it around: never its password hash. */
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabledAt: number | null;
  lastSignInAt: number | null;
  /** False until an invited user chooses a password. */
  hasPassword: boolean;
}

/** For signing in only: the account and the hash to check the password against. */
export interface Credentials {
  user: StaffUser;
  passwordHash: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
