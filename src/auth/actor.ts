/** Who performs a change, as services record it in the audit log. */
export interface Actor {
  id: number;
  name: string;
  ip: string;
}
