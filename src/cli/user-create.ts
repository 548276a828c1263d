import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newPasswordSchema } from '../auth/auth.schemas';
import { emailField, nameField } from '../users/users.schemas';
import { ROLES, type Role } from '../users/users.types';
import { ValidationError } from '../http/errors';
import { CliUsageError, openCliContext, runCli } from './context';
import { readSecretLine } from './read-secret';

const USAGE =
  'usage: npm run user:create -- --email E --name N --role admin|manager  (password on stdin)';

const argsSchema = z.object({
  email: emailField,
  name: nameField,
  role: z.enum(ROLES as [Role, ...Role[]]),
});

runCli(async () => {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    const problems = args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    throw new CliUsageError([...problems, USAGE].join('\n'));
  }
  const password = await readSecretLine('Password: ');
  const checked = newPasswordSchema.safeParse({ password, confirm: password });
  if (!checked.success) throw new CliUsageError(`Password: ${checked.error.issues[0]?.message}`);

  const { db, services } = await openCliContext();
  try {
    const user = await services.users.createWithPassword({ ...args.data, password });
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  } catch (error) {
    if (error instanceof ValidationError)
      throw new CliUsageError(Object.values(error.fieldErrors).join('\n'));
    throw error;
  } finally {
    await db.destroy();
  }
});
