/** The new-user form: checked as the server checks it, and turned into the API's body (no password: the server generates one, shown once). */
import type { UserInput } from './types.js';

export interface UserForm {
  email: string;
  name: string;
  password: string;
  roles: string[];
}

export type UserErrors = Partial<Record<'email' | 'name' | 'password', string>>;

export const MIN_PASSWORD = 12;

export const emptyUserForm = (): UserForm => ({ email: '', name: '', password: '', roles: [] });

export function validateUserForm(form: UserForm): UserErrors {
  const errors: UserErrors = {};
  const email = form.email.trim();
  if (email === '') errors.email = 'Enter the e-mail address the person signs in with.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) errors.email = 'Not an e-mail address.';
  if (form.name.trim().length > 200) errors.name = 'At most 200 characters.';
  if (form.password !== '' && form.password.length < MIN_PASSWORD) errors.password = `At least ${MIN_PASSWORD} characters, or leave it empty to have one generated.`;
  if (form.password.length > 1024) errors.password = 'At most 1024 characters.';
  return errors;
}

export function userBody(form: UserForm): UserInput {
  const body: UserInput = { email: form.email.trim(), roles: [...form.roles] };
  if (form.name.trim() !== '') body.name = form.name.trim();
  if (form.password !== '') body.password = form.password;
  return body;
}
