import type { Clock } from '../clock';
import type { PasswordLinks } from '../users/users.service';
import type { PasswordLinksRepository } from './password-links.repository';
import { generateToken } from './tokens';

/** Issues set-password links for the users feature (invites) and for password resets. */
export class PasswordLinkIssuer implements PasswordLinks {
  constructor(
    private readonly repository: PasswordLinksRepository,
    private readonly clock: Clock,
    private readonly baseUrl: string,
  ) {}

  async issue(userId: number, purpose: 'invite' | 'reset', ttlMs: number): Promise<string> {
    const now = this.clock.now();
    const { token, hash } = generateToken();
    await this.repository.revokeUnused(userId, now);
    await this.repository.create({ userId, purpose, hash, now, expiresAt: now + ttlMs });
    return `${this.baseUrl}/password/set?token=${token}`;
  }
}
