import type { Request } from 'express';
import { clientIp, currentUser } from '../http/guards';

/** Who performs a change, as services record it in the audit log. */
export interface Actor {
  id: number;
  name: string;
  ip: string;
}

/** The signed-in user as the actor of a change; only call behind requireSignedIn. */
export function actorOf(req: Request): Actor {
  const user = currentUser(req);
  return { id: user.id, name: user.name, ip: clientIp(req) };
}
