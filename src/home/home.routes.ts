import { Router } from 'express';
import { requireSignedIn } from '../http/guards';
import { pingDatabase, type Db } from '../db/kysely';

export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', async (req, res) => {
    try {
      await pingDatabase(db);
      res.json({ status: 'ok' });
    } catch (error) {
      req.log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}

export function homeRoutes(): Router {
  const router = Router();
  router.get('/', requireSignedIn, (_req, res) => {
    res.render('home/dashboard', { title: 'Dashboard' });
  });
  return router;
}
