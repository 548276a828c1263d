import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../../../src/http/errors';
import { requireCandidate, requireSignedIn } from '../../../src/http/guards';
import type { StaffUser } from '../../../src/users/users.types';

const staff: StaffUser = {
  id: 1,
  email: 'mia@example.test',
  name: 'Mia Manager',
  role: 'manager',
  disabledAt: null,
  lastSignInAt: null,
  hasPassword: true,
};

function request(session: Partial<Request['session']>, user?: StaffUser): Request {
  return { method: 'POST', originalUrl: '/x', session, user } as unknown as Request;
}

function passes(guard: typeof requireSignedIn, req: Request): boolean {
  const next = jest.fn() as NextFunction;
  try {
    guard(req, {} as Response, next);
  } catch (error) {
    if (error instanceof ForbiddenError) return false;
    throw error;
  }
  return (next as jest.Mock).mock.calls.length === 1;
}

describe('staff and candidate guards', () => {
  it('lets a candidate session reach candidate pages only', () => {
    const candidate = request({ candidate: { invitationId: 7 } });
    expect(passes(requireCandidate, candidate)).toBe(true);
    expect(passes(requireSignedIn, candidate)).toBe(false);
  });

  it('lets a staff session reach staff pages only', () => {
    const signedIn = request({}, staff);
    expect(passes(requireSignedIn, signedIn)).toBe(true);
    expect(passes(requireCandidate, signedIn)).toBe(false);
  });

  it('refuses a session that somehow carries both identities on either side', () => {
    const both = request({ candidate: { invitationId: 7 } }, staff);
    expect(passes(requireSignedIn, both)).toBe(false);
    expect(passes(requireCandidate, both)).toBe(false);
  });

  it('refuses an anonymous session on candidate pages', () => {
    expect(passes(requireCandidate, request({}))).toBe(false);
  });
});
