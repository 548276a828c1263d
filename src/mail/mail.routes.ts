import { Router } from 'express';
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../http/errors';
import { requireRole } from '../http/guards';
import { parseOr } from '../http/validate';
import type { MailService } from './mail.service';
import { DELIVERY_STATE_LABELS } from './mail.types';

const PAGE_SIZE = 50;

const outboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

const messageParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

export function mailRoutes(mail: MailService): Router {
  const router = Router();
  router.use('/admin/outbox', ...requireRole('admin'));

  router.get('/admin/outbox', async (req, res) => {
    const { page } = parseOr(outboxQuery, req.query, () => new BadRequestError('Unknown page.'));
    res.render('mail/outbox', {
      title: 'Outbox',
      ...(await mail.list({ page, pageSize: PAGE_SIZE })),
      page,
      deliveryConfigured: mail.deliveryConfigured,
      stateLabels: DELIVERY_STATE_LABELS,
    });
  });

  router.get('/admin/outbox/:id', async (req, res) => {
    const { id } = parseOr(
      messageParams,
      req.params,
      () => new NotFoundError('There is no such message in the outbox.'),
    );
    const message = await mail.get(id);
    res.render('mail/message', {
      title: message.subject,
      message,
      deliveryConfigured: mail.deliveryConfigured,
      stateLabels: DELIVERY_STATE_LABELS,
    });
  });

  return router;
}
