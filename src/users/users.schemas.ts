import { z } from 'zod';
import { emailField, nameField } from '../auth/auth.schemas';
import { ROLES, type Role } from '../db/schema';

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
