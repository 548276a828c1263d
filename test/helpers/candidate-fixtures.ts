import request from 'supertest';
import type { Actor } from '../../src/audit/actor';
import type { StaffUser } from '../../src/users/users.types';
import type { Agent } from './agents';
import { TEST_JOB_DESCRIPTION, importTestBanks } from './assessment-fixtures';
import { createUser } from './builders';
import type { TestContext } from './test-app';

export interface OpenAssessment {
  id: number;
  owner: StaffUser;
  actor: Actor;
}

/** An open assessment over the two test banks: 2 git and 2 http questions, 20 minutes. */
export async function openTestAssessment(
  ctx: TestContext,
  settings: {
    minutes?: number;
    perSkill?: number;
    secondsPerQuestion?: number;
    showResults?: boolean;
    notifyOnSubmit?: boolean;
  } = {},
): Promise<OpenAssessment> {
  await importTestBanks(ctx);
  const owner = await createUser(ctx.db, { role: 'manager', name: 'Olive Owner' });
  const actor = { id: owner.id, name: owner.name, ip: '127.0.0.1' };
  const { assessments } = ctx.services;
  const id = await assessments.createFromDescription(actor, owner, {
    title: 'Backend hire',
    text: TEST_JOB_DESCRIPTION,
  });
  const perSkill = settings.perSkill ?? 2;
  await assessments.saveSettings(actor, owner, id, {
    title: 'Backend hire',
    timeLimitMinutes: settings.minutes ?? 20,
    questionTimeLimitSeconds: settings.secondsPerQuestion ?? null,
    passThreshold: 60,
    difficultyMin: 1,
    difficultyMax: 5,
    shuffle: true,
    showResults: settings.showResults ?? false,
    notifyOnSubmit: settings.notifyOnSubmit,
    skills: [
      { skill: 'git', questionCount: perSkill, weight: 1, passThreshold: 60 },
      { skill: 'http-basics', questionCount: perSkill, weight: 1, passThreshold: 60 },
    ],
  });
  await assessments.open(actor, owner, id);
  return { id, owner, actor };
}

/** Invites a candidate and returns the path of their emailed link. */
export async function inviteCandidate(
  ctx: TestContext,
  assessment: OpenAssessment,
  candidate: { name?: string; email?: string; extraTimePercent?: number } = {},
): Promise<{ invitationId: number; linkPath: string }> {
  const { invitation, link } = await ctx.services.invitations.invite(
    assessment.actor,
    assessment.owner,
    assessment.id,
    {
      name: candidate.name ?? 'Cara Candidate',
      email: candidate.email ?? 'cara@example.test',
      extraTimePercent: candidate.extraTimePercent,
    },
  );
  return { invitationId: invitation.id, linkPath: new URL(link).pathname };
}

/** A browser-like agent that opened the link: its session is bound to the invitation. */
export async function candidateAgent(ctx: TestContext, linkPath: string): Promise<Agent> {
  const agent = request.agent(ctx.app);
  const opened = await agent.get(linkPath);
  if (opened.status !== 303) throw new Error(`Opening ${linkPath} answered ${opened.status}`);
  return agent;
}
