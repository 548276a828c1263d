import { Router } from 'express';
import type { Clock } from '../clock';
import { requireRole } from '../http/guards';
import type { BackupsService } from './backups.service';
import { TRIGGER_LABELS, formatAge, formatBytes } from './backups.types';

/** The admin's view of backups: the last one, its size and age, the schedule, how to restore. */
export function backupsRoutes(backups: BackupsService, clock: Clock): Router {
  const router = Router();
  router.get('/admin/backups', ...requireRole('admin'), async (_req, res) => {
    const overview = await backups.overview();
    const now = clock.now();
    res.render('backups/index', {
      title: 'Backups',
      ...overview,
      last: overview.recent[0],
      ageOf: (at: number) => formatAge(now - at),
      formatBytes,
      triggerLabels: TRIGGER_LABELS,
    });
  });
  return router;
}
