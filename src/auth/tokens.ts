import crypto from 'node:crypto';

/** One-time tokens travel in links; only their SHA-256 is stored, so a database leak reveals none. */
export function generateToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
