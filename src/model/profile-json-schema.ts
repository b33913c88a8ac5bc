import { z } from 'zod';
import { profileSchema } from './profile.js';

/** JSON Schema for profile.yaml, for editors (yaml-language-server); generated from the zod schema. */
export function profileSchemaJson(): Record<string, unknown> {
  const schema = z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'scholar-page profile.yaml' };
}
