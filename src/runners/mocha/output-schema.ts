// What mocha's probe child prints, checked with zod; loaded only while mocha answers (see ../jest/output-schema.ts).
import { z } from 'zod';

export const outputSchema = z.union([
  z.object({
    spec: z.array(z.string()),
    ignore: z.array(z.string()),
    extension: z.array(z.string()),
    recursive: z.boolean(),
    require: z.array(z.string()),
    file: z.array(z.string()),
    files: z.array(z.string()).optional(),
  }),
  z.object({ error: z.string() }),
]);
