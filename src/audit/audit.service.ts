import type { AuditLog } from './audit.repository';
import type { AuditAction, AuditPage } from './audit.types';

/** The admin's view of the audit log; writing goes through AuditLog inside each use case. */
export class AuditService {
  constructor(private readonly log: AuditLog) {}

  list(options: { page: number; pageSize: number; action?: AuditAction }): Promise<AuditPage> {
    return this.log.list(options);
  }
}
