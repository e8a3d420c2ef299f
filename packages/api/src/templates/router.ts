import {
  createTemplateInput,
  deletedSchema,
  deleteInput,
  instantiatedSchema,
  instantiateTemplateInput,
  saveTaskAsTemplateInput,
  templateIdInput,
  templateSchema,
  updateTemplateInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  instantiateTemplate,
  listTemplates,
  saveTaskAsTemplate,
  updateTemplate,
} from './service';

const tags = ['templates'];

export const templatesRouter = createRouter({
  list: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/templates', tags, summary: 'Your and built-in templates' },
    })
    .input(z.object({}))
    .output(z.array(templateSchema))
    .query(({ ctx }) => listTemplates(ctx, ctx.userId)),

  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/templates/{id}', tags, summary: 'Get a template' } })
    .input(templateIdInput)
    .output(templateSchema)
    .query(({ ctx, input }) => getTemplate(ctx, ctx.userId, input.id)),

  create: protectedProcedure
    .meta({
      openapi: { method: 'POST', path: '/templates', tags, summary: 'Create a template' },
      created: { location: '/templates/{id}' },
    })
    .input(createTemplateInput)
    .output(templateSchema)
    .mutation(({ ctx, input }) => createTemplate(ctx, ctx.userId, input)),

  update: protectedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/templates/{id}',
        tags,
        summary: 'Update a template (steps, when given, replace the list)',
      },
    })
    .input(updateTemplateInput)
    .output(templateSchema)
    .mutation(({ ctx, input }) => updateTemplate(ctx, ctx.userId, input)),

  delete: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/templates/{id}',
        tags,
        summary: 'Delete a template: to the trash (restorable for 30 days)',
        description:
          'Moves your template to the trash, restorable with `POST /trash/templates/{id}/restore` until `purgeAt`, then purged. `permanent=true` deletes it for good at once. Built-ins cannot be deleted.',
      },
    })
    .input(deleteInput)
    .output(deletedSchema)
    .mutation(({ ctx, input }) =>
      deleteTemplate(ctx, ctx.userId, input.id, { permanent: input.permanent }),
    ),

  instantiate: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/templates/{id}/instantiate',
        tags,
        summary: 'Create a task with the template’s micro-steps',
      },
      created: { location: '/tasks/{taskId}' },
    })
    .input(instantiateTemplateInput)
    .output(instantiatedSchema)
    .mutation(({ ctx, input }) => instantiateTemplate(ctx, ctx.userId, input)),

  saveFromTask: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/templates/from-task',
        tags,
        summary: 'Save a task and its micro-steps as a template',
      },
      created: { location: '/templates/{id}' },
    })
    .input(saveTaskAsTemplateInput)
    .output(templateSchema)
    .mutation(({ ctx, input }) => saveTaskAsTemplate(ctx, ctx.userId, input)),
});
