// argon2id password hashing. Parameters are the library's defaults (OWASP's minimums or better).
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { BadInputError } from '../domain/errors.ts';

// Algorithm is an ambient const enum (unusable under isolatedModules); 2 is its Argon2id.
const options = { algorithm: 2 as Algorithm };

export const MIN_PASSWORD_LENGTH = 8;

export function validateNewPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadInputError(`${field} must be at least ${MIN_PASSWORD_LENGTH} characters.`, field);
  }
  if (password.length > 256) throw new BadInputError(`${field} must be at most 256 characters.`, field);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, options);
  } catch {
    return false;
  }
}

// Verifying against this when the username is unknown keeps response times alike, so timing does not
// reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(await dummyHash, password);
}
