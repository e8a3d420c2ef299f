'use client';

import type { Task, UpdateTaskInput } from '@proxy/core';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC, useTRPCClient } from '@/trpc/client';

type TaskPage = { items: Task[]; nextCursor: string | null };

/** The optimistic version of a patch: only what the list shows needs to look right at once. */
function applyPatch(task: Task, patch: UpdateTaskInput): Task {
  const next: Task = { ...task };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.tags !== undefined) next.tags = patch.tags;
  if (patch.dueAt !== undefined) next.dueAt = patch.dueAt ? new Date(patch.dueAt) : null;
  return next;
}

/**
 * Updates a task and shows the change in every loaded list at once; on failure the lists go
 * back to what they were. The mutation settles only after the lists refetched, so nothing flickers.
 */
export function useUpdateTask() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lists = trpc.tasks.list.pathFilter();
  return useMutation(
    trpc.tasks.update.mutationOptions({
      onMutate: async (patch) => {
        await queryClient.cancelQueries(lists);
        const snapshot = queryClient.getQueriesData<InfiniteData<TaskPage>>(lists);
        queryClient.setQueriesData<InfiniteData<TaskPage>>(lists, (old) =>
          old
            ? {
                ...old,
                pages: old.pages.map((page) => ({
                  ...page,
                  items: page.items.map((t) => (t.id === patch.id ? applyPatch(t, patch) : t)),
                })),
              }
            : old,
        );
        return { snapshot };
      },
      onError: (_error, _patch, context) => {
        for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      },
      onSettled: () => queryClient.invalidateQueries(trpc.tasks.pathFilter()),
    }),
  );
}

export function useDeleteTask() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.tasks.delete.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.tasks.pathFilter()),
          queryClient.invalidateQueries(trpc.trash.pathFilter()),
        ]),
    }),
  );
}

export function useCreateTask() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.tasks.create.mutationOptions({
      // Returning the refetch keeps the "Adding…" row until the real one is in the list.
      onSuccess: () => queryClient.invalidateQueries(trpc.tasks.pathFilter()),
    }),
  );
}

/**
 * Brings a task back from the trash: the Undo of a delete. Through the client itself, so it
 * still works once the deleted row (and its component) is gone from the list.
 */
export function useRestoreTask() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return async (id: string) => {
    const task = await client.trash.restoreTask.mutate({ id });
    await Promise.all([
      queryClient.invalidateQueries(trpc.tasks.pathFilter()),
      queryClient.invalidateQueries(trpc.trash.pathFilter()),
    ]);
    return task;
  };
}
