'use client';

import type { AppRouter } from '@proxy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPC } from '@/trpc/client';
import { clockOffset } from './timer-clock';

export type FocusView = NonNullable<inferRouterOutputs<AppRouter>['focus']['current']>;
export type FocusMoveInput = inferRouterInputs<AppRouter>['focus']['move']['move'];
export type StartInput = inferRouterInputs<AppRouter>['focus']['start'];

/** Tabs of one browser tell each other about a move at once; other devices catch up by polling. */
const CHANNEL = 'proxy-focus';

/**
 * The open session, shared by every tab: refetched every few seconds, on focus and on
 * reconnecting, and at once when another tab says it moved. While the connection is lost the
 * last state stays on screen and the timer keeps counting from it (it needs only the clock).
 */
export function useFocusSession() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(
    trpc.focus.current.queryOptions(undefined, {
      refetchInterval: 5_000,
      refetchOnWindowFocus: true,
      refetchOnReconnect: true,
    }),
  );
  const channel = useRef<BroadcastChannel | null>(null);

  const refreshAll = useCallback(() => {
    void queryClient.invalidateQueries(trpc.focus.pathFilter());
    void queryClient.invalidateQueries(trpc.notifications.unreadCount.pathFilter());
  }, [queryClient, trpc]);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const bc = new BroadcastChannel(CHANNEL);
    bc.onmessage = () => refreshAll();
    channel.current = bc;
    return () => {
      bc.close();
      channel.current = null;
    };
  }, [refreshAll]);

  const settle = useCallback(
    (view: FocusView | null) => {
      queryClient.setQueryData(trpc.focus.current.queryKey(), view);
      refreshAll();
      channel.current?.postMessage({ type: 'moved' });
    },
    [queryClient, trpc, refreshAll],
  );

  const start = useMutation(trpc.focus.start.mutationOptions({ onSuccess: settle }));
  const move = useMutation(
    trpc.focus.move.mutationOptions({
      onSuccess: (view) => settle(view.state.phase === 'done' ? null : view),
      onError: () => refreshAll(),
    }),
  );
  const checkIn = useMutation(
    trpc.focus.checkIn.mutationOptions({ onSuccess: () => settle(current.data ?? null) }),
  );

  const session = current.data ?? null;
  // The clock moves the session too (a block ends): history and analytics follow each change.
  const phaseKey = session ? `${session.id}:${session.state.phase}:${session.state.cycle}` : 'none';
  const lastPhase = useRef(phaseKey);
  useEffect(() => {
    if (lastPhase.current === phaseKey) return;
    lastPhase.current = phaseKey;
    void queryClient.invalidateQueries(trpc.focus.analytics.pathFilter());
    void queryClient.invalidateQueries(trpc.focus.list.pathFilter());
  }, [phaseKey, queryClient, trpc]);
  // The offset is measured when the state arrived; dataUpdatedAt is this device's clock then.
  const offsetMs = session ? clockOffset(session.serverNow, current.dataUpdatedAt) : 0;

  return {
    session,
    offsetMs,
    loading: current.isPending,
    offline: current.isError || current.fetchStatus === 'paused',
    refetch: current.refetch,
    start,
    move,
    checkIn,
  };
}
