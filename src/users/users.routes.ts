import { Router, type Request, type Response } from 'express';
import { actorOf } from '../audit/actor';
import { requireRole } from '../http/guards';
import { ROLES } from './users.types';
import { NotFoundError } from '../http/errors';
import { setFlash } from '../http/locals';
import { fieldErrorsOf, parseOr, validateForm, type FieldErrors } from '../http/validate';
import { inviteSchema, roleSchema, userIdParams } from './users.schemas';
import { INVITE_TTL_DAYS, type UsersService } from './users.service';

function userId(req: Request): number {
  return parseOr(userIdParams, req.params, () => new NotFoundError('There is no such user.')).id;
}

export function usersRoutes(users: UsersService): Router {
  const router = Router();
  router.use('/admin/users', ...requireRole('admin'));

  router.get('/admin/users', async (_req, res) => {
    res.render('users/list', { title: 'Users', users: await users.list(), roles: ROLES });
  });

  const renderInvite = (res: Response, values: object, errors: FieldErrors) =>
    res.status(Object.keys(errors).length ? 422 : 200).render('users/invite', {
      title: 'Invite a user',
      values,
      errors,
      roles: ROLES,
    });

  router.get('/admin/users/invite', (_req, res) => {
    renderInvite(res, { role: 'manager' }, {});
  });

  router.post('/admin/users/invite', async (req, res) => {
    const form = validateForm(inviteSchema, req.body);
    if (!form.ok) return renderInvite(res, req.body ?? {}, form.errors);
    try {
      const user = await users.invite(actorOf(req), form.data);
      setFlash(req, 'success', `Invitation sent to ${user.email}. The link is valid for 7 days.`);
      res.redirect(303, '/admin/users');
    } catch (error) {
      renderInvite(res, req.body ?? {}, fieldErrorsOf(error));
    }
  });

  /**
   * Issues a new invitation link and shows it on this one response only: the link is never
   * stored (only its hash is), logged or cached, so reloading the page does not show it again.
   */
  router.post('/admin/users/:id/invite-link', async (req, res) => {
    const { user, link } = await users.issuePasswordLink(actorOf(req), userId(req));
    res.set('Cache-Control', 'no-store');
    res.render('users/invite-link', {
      title: `${user.hasPassword ? 'New reset link' : 'New invitation link'} for ${user.name}`,
      invited: user,
      link,
      validDays: INVITE_TTL_DAYS,
    });
  });

  router.post('/admin/users/:id/disable', async (req, res) => {
    const user = await users.get(userId(req));
    await users.disable(actorOf(req), user.id);
    setFlash(req, 'success', `${user.name} is disabled and signed out everywhere.`);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/enable', async (req, res) => {
    const user = await users.get(userId(req));
    await users.enable(actorOf(req), user.id);
    setFlash(req, 'success', `${user.name} can sign in again.`);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/role', async (req, res) => {
    const user = await users.get(userId(req));
    const form = validateForm(roleSchema, req.body);
    if (!form.ok) {
      setFlash(req, 'error', form.errors.role ?? 'Choose a role.');
      return res.redirect(303, '/admin/users');
    }
    await users.changeRole(actorOf(req), user.id, form.data.role);
    setFlash(
      req,
      'success',
      `${user.name} is now ${form.data.role === 'admin' ? 'an admin' : 'a hiring manager'}.`,
    );
    res.redirect(303, '/admin/users');
  });

  return router;
}
