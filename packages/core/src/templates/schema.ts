import { z } from 'zod';
import { energySchema, isoDateTimeSchema, tagSchema, taskIdSchema } from '../tasks/schema';

export const TEMPLATE_STEPS_MAX = 50;

export const templateStepInput = z.object({
  title: z.string().trim().min(1, 'A step needs a title').max(500),
  estimateMinutes: z.int().min(1).max(1440).nullable().optional(),
  energy: energySchema.nullable().optional(),
});
export type TemplateStepInput = z.input<typeof templateStepInput>;

const templateFields = {
  name: z.string().trim().min(1, 'Name the template').max(200),
  description: z.string().max(5000).optional(),
  tags: z
    .array(tagSchema)
    .max(20)
    .transform((t) => [...new Set(t)])
    .optional(),
  steps: z.array(templateStepInput).max(TEMPLATE_STEPS_MAX, `At most ${TEMPLATE_STEPS_MAX} steps`),
};

export const createTemplateInput = z.object(templateFields);
export type CreateTemplateInput = z.input<typeof createTemplateInput>;

/** Steps, when given, replace the whole ordered list. */
export const updateTemplateInput = z.object(templateFields).partial().extend({ id: z.uuid() });
export type UpdateTemplateInput = z.input<typeof updateTemplateInput>;

export const templateIdInput = z.object({ id: z.uuid({ error: 'Must be a template id' }) });

export const instantiateTemplateInput = z.object({
  id: z.uuid(),
  title: z.string().trim().min(1).max(500).optional(),
  dueAt: isoDateTimeSchema.nullable().optional(),
});

export const saveTaskAsTemplateInput = z.object({
  taskId: taskIdSchema,
  name: z.string().trim().min(1).max(200).optional(),
});

export const templateStepSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  estimateMinutes: z.number().int().nullable(),
  energy: energySchema.nullable(),
});

export const templateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  builtin: z.boolean(),
  steps: z.array(templateStepSchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Template = z.infer<typeof templateSchema>;

export const instantiatedSchema = z.object({ taskId: z.uuid(), stepIds: z.array(z.uuid()) });
