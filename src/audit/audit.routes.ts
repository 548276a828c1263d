import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/guards';
import { BadRequestError } from '../http/errors';
import { parseOr } from '../http/validate';
import type { AuditService } from './audit.service';
import { AUDIT_ACTIONS, auditActionLabel } from './audit.types';

const PAGE_SIZE = 50;

const auditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  action: z.union([z.enum(AUDIT_ACTIONS), z.literal('')]).optional(),
});

export function auditRoutes(audit: AuditService): Router {
  const router = Router();
  router.get('/admin/audit', ...requireRole('admin'), async (req, res) => {
    const query = parseOr(auditQuery, req.query, () => new BadRequestError('Unknown filter.'));
    const action = query.action || undefined;
    const result = await audit.list({ page: query.page, pageSize: PAGE_SIZE, action });
    res.render('audit/list', {
      title: 'Audit log',
      ...result,
      page: query.page,
      action: action ?? '',
      actions: AUDIT_ACTIONS,
      actionLabel: auditActionLabel,
    });
  });
  return router;
}
