import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../users/password';
import { emailField, nameField } from '../users/users.schemas';

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'That email address is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const newPasswordSchema = z
  .object({
    password: z
      .string({ required_error: 'Choose a password.' })
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
    confirm: z.string({ required_error: 'Type the password again.' }),
  })
  .refine((form) => form.password === form.confirm, {
    path: ['confirm'],
    message: 'The two passwords do not match.',
  });

export const setupSchema = z.object({ name: nameField, email: emailField }).and(newPasswordSchema);

/** A one-time token as it appears in a link: base64url, 43 characters for 32 bytes. */
export const tokenQuerySchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
