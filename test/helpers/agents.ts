import type { Express } from 'express';
import request from 'supertest';
import { DEFAULT_PASSWORD } from './builders';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token of the first form in a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token in page');
  return match[1];
}

/** GETs a page to pick up its CSRF token, then POSTs the form with it. */
export async function submitForm(
  agent: Agent,
  pagePath: string,
  action: string,
  fields: Record<string, string>,
) {
  const page = await agent.get(pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfFrom(page.text) });
}

export async function signIn(agent: Agent, email: string, password = DEFAULT_PASSWORD) {
  return submitForm(agent, '/sign-in', '/sign-in', { email, password });
}

/** An agent that keeps cookies, signed in as the given user. */
export async function signedInAgent(
  app: Express,
  email: string,
  password = DEFAULT_PASSWORD,
): Promise<Agent> {
  const agent = request.agent(app);
  const response = await signIn(agent, email, password);
  if (response.status !== 303) throw new Error(`Sign-in failed for ${email}: ${response.status}`);
  return agent;
}

/** The session cookie's value from a response, or undefined. */
export function sessionCookie(
  response: { headers: Record<string, unknown> },
  name = 'skillscreen.sid',
): string | undefined {
  const cookies = ([] as string[]).concat(
    (response.headers['set-cookie'] as string[] | undefined) ?? [],
  );
  return cookies.find((c) => c.startsWith(`${name}=`));
}
