import { z } from 'zod';
import { newPasswordSchema } from '../auth/auth.schemas';
import { emailField, nameField } from '../users/users.schemas';
import { ROLES, type Role } from '../users/users.types';
import { CliUsageError, openCliContext, parseFlags, runCli } from './context';
import { readSecretLine } from './read-secret';

const USAGE =
  'usage: npm run user:create -- --email E --name N --role admin|manager  (password on stdin)';

const argsSchema = z.object({
  email: emailField,
  name: nameField,
  role: z.enum(ROLES as [Role, ...Role[]]),
});

runCli(async () => {
  const args = parseFlags(
    { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    argsSchema,
    USAGE,
  );
  const password = await readSecretLine('Password: ');
  const checked = newPasswordSchema.safeParse({ password, confirm: password });
  if (!checked.success) throw new CliUsageError(`Password: ${checked.error.issues[0]?.message}`);

  const { db, services } = await openCliContext();
  try {
    const user = await services.users.createWithPassword({ ...args, password });
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  } finally {
    await db.destroy();
  }
});
