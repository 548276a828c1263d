import { z } from 'zod';
import { ROLES, type Role } from './users.types';

export const emailField = z
  .string({ required_error: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'That email address is too long.')
  .email('Enter an email address like name@example.com.');

export const nameField = z
  .string({ required_error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.');

const roleField = z.enum(ROLES as [Role, ...Role[]], {
  errorMap: () => ({ message: 'Choose admin or hiring manager.' }),
});

export const inviteSchema = z.object({ name: nameField, email: emailField, role: roleField });
export const roleSchema = z.object({ role: roleField });
export const userIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
